package robustperf.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * The ImageNet nets of Peng et al. 2023's design space (RobustBench's
 * {@code robustarch_wide_resnet.ConfigurableModel}, which {@code get_model("ra_wrn101_2")} builds
 * for the ImageNet Peng2023Robust entry): a 7x7 stride-2 stem convolution with BN and ReLU and no
 * max pooling; four stages of post-activation bottleneck units, each a 1x1 convolution to
 * {@code width / 4} maps and SiLU (no norm), a grouped 3x3 convolution (the stride, groups of
 * {@code groupWidth} maps) with BN and SiLU, squeeze-and-excitation (ReLU inside, squeezing to a
 * quarter of the unit's input width), a 1x1 convolution with BN; the sum with the shortcut (a 1x1
 * strided projection with BN where shape changes) goes through SiLU. Global average pooling, linear.
 *
 * @param stem channels of the stem convolution
 * @param widths output channels of the four stages
 * @param units units per stage
 * @param groupWidths maps per group of each stage's 3x3 convolution
 */
public record RaResNet(int stem, List<Integer> widths, List<Integer> units, List<Integer> groupWidths) {
  private static final int BOTTLENECK_DIVISOR = 4;
  private static final double SQUEEZE_RATIO = 0.25;

  public RaResNet {
    widths = List.copyOf(widths);
    units = List.copyOf(units);
    groupWidths = List.copyOf(groupWidths);
    if (widths.size() != 4 || units.size() != 4 || groupWidths.size() != 4 || units.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("RaResNet needs 4 stages of >= 1 unit, got " + widths + " " + units);
    }
    for (int stage = 0; stage < 4; stage++) {
      int inner = widths.get(stage) / BOTTLENECK_DIVISOR;
      if (widths.get(stage) % BOTTLENECK_DIVISOR != 0 || inner % groupWidths.get(stage) != 0) {
        throw new IllegalArgumentException("stage " + stage + ": bottleneck " + inner + " is not a multiple of "
            + groupWidths.get(stage));
      }
    }
  }

  /**
   * RaWRN-101-2: stem 96; units 7, 11, 18, 1 at widths 512, 1024, 2016, 4032 with group widths 64,
   * 128, 252, 504 (two groups each).
   */
  public static RaResNet rawrn101x2() {
    return new RaResNet(96, List.of(512, 1024, 2016, 4032), List.of(7, 11, 18, 1), List.of(64, 128, 252, 504));
  }

  /**
   * @param classes number of classes
   * @return the uninitialized block
   */
  public Block build(int classes) {
    SequentialBlock net =
        new SequentialBlock().add(Layers.conv(stem, 7, 2, 3, false)).add(Layers.batchNorm()).add(Layers.relu());
    int in = stem;
    for (int stage = 0; stage < widths.size(); stage++) {
      int out = widths.get(stage);
      for (int unit = 0; unit < units.get(stage); unit++) {
        int stride = unit == 0 ? 2 : 1;
        Block main = bottleneck(in, out, stride, groupWidths.get(stage));
        net.add(new Residual(null, main, Layers.projection(in, out, stride, true)));
        net.add(Layers.silu());
        in = out;
      }
    }
    return net.add(Layers.classifierHead(classes));
  }

  private static Block bottleneck(int in, int out, int stride, int groupWidth) {
    int inner = out / BOTTLENECK_DIVISOR;
    // Python's round, which rounds halves to even as Math.rint does.
    int squeeze = (int) Math.rint(SQUEEZE_RATIO * in);
    return new SequentialBlock()
        .add(Layers.conv1x1(inner, 1))
        .add(Layers.silu())
        .add(Layers.groupedConv(inner, 3, stride, 1, inner / groupWidth))
        .add(Layers.batchNorm())
        .add(Layers.silu())
        .add(new SqueezeExcitation(inner, squeeze, Nonlinearity.RELU))
        .add(Layers.conv1x1(out, 1))
        .add(Layers.batchNorm());
  }
}
