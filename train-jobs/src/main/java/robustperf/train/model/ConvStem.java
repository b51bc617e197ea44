package robustperf.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * The convolutional stems of Singh et al. 2023 (RobustBench's convstem_models.py), which replace a
 * ConvNeXt's or ViT's patchifying stem: 3x3 convolutions with bias, each followed by a channel
 * layer norm and GELU, and for the ViTs a final 1x1 projection to the token width.
 *
 * @param widths output channels of the 3x3 convolutions, in order
 * @param strides their strides
 * @param projection output channels of a final 1x1 convolution with bias, 0 for none
 */
public record ConvStem(List<Integer> widths, List<Integer> strides, int projection) {

  public ConvStem {
    if (widths.isEmpty() || widths.size() != strides.size() || projection < 0) {
      throw new IllegalArgumentException("a ConvStem needs one stride per convolution, got " + widths + " and " + strides);
    }
    widths = List.copyOf(widths);
    strides = List.copyOf(strides);
  }

  /**
   * ConvBlock(planes, end_siz): four stride-2 convolutions (x1, x2, x4, x8 planes), then a 1x1 to
   * the token width (fin_dim = planes x end_siz); the ViT stem.
   */
  public static ConvStem fourConvolutionsAndProjection(int planes, int tokenWidth) {
    return new ConvStem(List.of(planes, 2 * planes, 4 * planes, 8 * planes), List.of(2, 2, 2, 2), tokenWidth);
  }

  /** ConvBlock1(planes): two stride-2 convolutions (planes, 2 planes); the ConvNeXt-T and -S stem. */
  public static ConvStem twoConvolutions(int planes) {
    return new ConvStem(List.of(planes, 2 * planes), List.of(2, 2), 0);
  }

  /** ConvBlock3(planes): stride 2, 2, 1 to planes, 1.5 planes, 2 planes; the ConvNeXt-B and -L stem. */
  public static ConvStem threeConvolutions(int planes) {
    return new ConvStem(List.of(planes, planes * 3 / 2, 2 * planes), List.of(2, 2, 1), 0);
  }

  /** @return channels of the stem's output */
  public int outputWidth() {
    return projection > 0 ? projection : widths.get(widths.size() - 1);
  }

  /** @return the stem as a block from (B, 3, H, W) images */
  public Block build() {
    SequentialBlock stem = new SequentialBlock();
    for (int i = 0; i < widths.size(); i++) {
      stem.add(Layers.conv(widths.get(i), 3, strides.get(i), 1, true)).add(new ChannelLayerNorm()).add(Layers.gelu());
    }
    return projection > 0 ? stem.add(Layers.conv(projection, 1, 1, 0, true)) : stem;
  }
}
