package robustperf.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * ResNeSt (Zhang et al. 2022) for 32x32 images as RobustBench's {@code model_zoo/architectures/resnest.py}
 * builds {@code ResNest152} for Sehwag2021Proxy_ResNest152: a deep stem of three stride-1 3x3
 * convolutions (s, s and 2s maps, BN and the nonlinearity between and after), no max pooling; four
 * stages of bottleneck units at base widths 64, 128, 256, 512 whose 3x3 convolution is a
 * {@link SplitAttention} with {@code radix} splits; where a unit downsamples, a 3x3 stride-2 average
 * pooling follows the split attention ("avd") and the shortcut averages 2x2 before its 1x1
 * projection ("avg_down"); post-activation additions; global average pooling, linear.
 *
 * @param stemWidth s, the width of the first two stem convolutions
 * @param units units per stage
 * @param radix splits of each split-attention convolution
 * @param nonlinearity ReLU, or SiLU (the reference's {@code swish=True})
 */
public record ResNeSt(int stemWidth, List<Integer> units, int radix, Nonlinearity nonlinearity) {
  private static final int[] WIDTHS = {64, 128, 256, 512};

  public ResNeSt {
    units = List.copyOf(units);
    if (stemWidth < 1 || units.size() != WIDTHS.length || units.stream().anyMatch(n -> n < 1) || radix < 2) {
      throw new IllegalArgumentException(
          "ResNeSt needs 4 stages of >= 1 unit and radix >= 2, got " + units + " r" + radix);
    }
  }

  /** ResNest152 of RobustBench: stem width 64, units 3, 8, 36, 3, radix 4, SiLU. */
  public static ResNeSt resNeSt152Cifar() {
    return new ResNeSt(64, List.of(3, 8, 36, 3), 4, Nonlinearity.SILU);
  }

  /**
   * @param classes number of classes
   * @return the uninitialized block
   */
  public Block build(int classes) {
    SequentialBlock net =
        new SequentialBlock()
            .add(Layers.conv3x3(stemWidth, 1))
            .add(Layers.batchNorm())
            .add(nonlinearity.block())
            .add(Layers.conv3x3(stemWidth, 1))
            .add(Layers.batchNorm())
            .add(nonlinearity.block())
            .add(Layers.conv3x3(2 * stemWidth, 1))
            .add(Layers.batchNorm())
            .add(nonlinearity.block());
    int in = 2 * stemWidth;
    for (int stage = 0; stage < WIDTHS.length; stage++) {
      int width = WIDTHS[stage];
      for (int unit = 0; unit < units.get(stage); unit++) {
        int stride = stage > 0 && unit == 0 ? 2 : 1;
        net.add(new Residual(null, bottleneck(width, stride), shortcut(in, 4 * width, stride)));
        net.add(nonlinearity.block());
        in = 4 * width;
      }
    }
    return net.add(Layers.classifierHead(classes));
  }

  private Block bottleneck(int width, int stride) {
    SequentialBlock branch =
        new SequentialBlock()
            .add(Layers.conv1x1(width, 1))
            .add(Layers.batchNorm())
            .add(nonlinearity.block())
            .add(new SplitAttention(width, radix, 1, nonlinearity));
    if (stride > 1) {
      // "avd": the split attention runs at full resolution and a pooling downsamples after it.
      branch.add(Layers.avgPool(3, stride, 1, false, true));
    }
    return branch.add(Layers.conv1x1(4 * width, 1)).add(Layers.batchNorm());
  }

  private static Block shortcut(int in, int out, int stride) {
    if (in == out && stride == 1) {
      return null;
    }
    SequentialBlock shortcut = new SequentialBlock();
    if (stride > 1) {
      // "avg_down"; at stride 1 the reference's 1x1 pooling is the identity and is left out.
      shortcut.add(Layers.avgPool(stride, stride, 0, true, false));
    }
    return shortcut.add(Layers.conv1x1(out, 1)).add(Layers.batchNorm());
  }
}
