package robustperf.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * ConvNeXt (Liu et al. 2022) with timm's layout (convnext.py): a stem to 1/4 resolution, four
 * stages of blocks (7x7 depthwise convolution, layer norm, 4x MLP with GELU, layer scale from
 * 1e-6, identity shortcut), between stages a channel layer norm and a 2x2 stride-2 convolution,
 * and a head of global average pooling, layer norm and a linear layer. The stem is timm's 4x4
 * stride-4 convolution with a channel layer norm, or one of Singh et al.'s {@link ConvStem}s.
 *
 * @param depths blocks per stage
 * @param widths channels per stage
 * @param convStem Singh et al.'s stem, or null for the patchifying one
 */
public record ConvNeXt(List<Integer> depths, List<Integer> widths, ConvStem convStem) {

  public ConvNeXt {
    if (depths.size() != 4 || widths.size() != 4) {
      throw new IllegalArgumentException("ConvNeXt has four stages, got depths " + depths + " and widths " + widths);
    }
    if (convStem != null && convStem.outputWidth() != widths.get(0)) {
      throw new IllegalArgumentException("the stem gives " + convStem.outputWidth() + " channels, stage 1 takes " + widths.get(0));
    }
    depths = List.copyOf(depths);
    widths = List.copyOf(widths);
  }

  public static ConvNeXt tiny() {
    return new ConvNeXt(List.of(3, 3, 9, 3), List.of(96, 192, 384, 768), null);
  }

  public static ConvNeXt small() {
    return new ConvNeXt(List.of(3, 3, 27, 3), List.of(96, 192, 384, 768), null);
  }

  public static ConvNeXt base() {
    return new ConvNeXt(List.of(3, 3, 27, 3), List.of(128, 256, 512, 1024), null);
  }

  public static ConvNeXt large() {
    return new ConvNeXt(List.of(3, 3, 27, 3), List.of(192, 384, 768, 1536), null);
  }

  /**
   * @param stem Singh et al.'s stem for this width
   * @return this ConvNeXt with its stem replaced, as RobustBench's get_convstem_models builds it
   */
  public ConvNeXt withConvStem(ConvStem stem) {
    return new ConvNeXt(depths, widths, stem);
  }

  /**
   * @param classes number of classes
   * @return the block, for any image side divisible by 32
   */
  public Block build(int classes) {
    SequentialBlock net = new SequentialBlock();
    if (convStem == null) {
      net.add(Layers.conv(widths.get(0), 4, 4, 0, true)).add(new ChannelLayerNorm());
    } else {
      net.add(convStem.build());
    }
    for (int stage = 0; stage < 4; stage++) {
      int width = widths.get(stage);
      if (stage > 0) {
        net.add(new ChannelLayerNorm()).add(Layers.conv(width, 2, 2, 0, true));
      }
      for (int unit = 0; unit < depths.get(stage); unit++) {
        net.add(new Residual(null, block(width), null));
      }
    }
    return net.add(Layers.globalAveragePool())
        .add(Layers.flatten())
        .add(Layers.layerNorm(1, 1e-6f))
        .add(Layers.linear(classes));
  }

  /** The residual branch: the MLP runs channels-last, as timm's default (conv_mlp=False) does. */
  private static Block block(int width) {
    return new SequentialBlock()
        .add(Layers.depthwiseConv(width, 7))
        .add(LambdaBlock.singleton(x -> x.transpose(0, 2, 3, 1), "channels_last"))
        .add(Layers.layerNorm(3, 1e-6f))
        .add(Layers.linear(4 * width))
        .add(Layers.gelu())
        .add(Layers.linear(width))
        .add(new LayerScale(width, 1e-6f))
        .add(LambdaBlock.singleton(x -> x.transpose(0, 3, 1, 2), "channels_first"));
  }
}
