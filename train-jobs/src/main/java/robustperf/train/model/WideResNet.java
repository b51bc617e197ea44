package robustperf.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * A pre-activation WideResNet (Zagoruyko and Komodakis 2016) with free stage widths, depths and
 * nonlinearity, the design space of the robust-architecture papers: a 3x3 stem convolution, three
 * stages of pre-activation basic units (BN, nonlinearity, 3x3 convolution, twice; stride 1, 2, 2;
 * a 1x1 projection of the activated input where shape changes), BN, nonlinearity, global average
 * pooling, linear. Standard WRN-d-k is {@link #of}; RobustBench's {@code RobustWideResNet} (WRN-34-R)
 * and {@code robust_resnet.PreActResNet} (WRN-A4) are the same net with other settings.
 *
 * @param stem channels of the stem convolution
 * @param widths channels of the three stages
 * @param units units per stage
 * @param nonlinearity ReLU or SiLU throughout
 */
public record WideResNet(int stem, List<Integer> widths, List<Integer> units, Nonlinearity nonlinearity) {

  public WideResNet {
    widths = List.copyOf(widths);
    units = List.copyOf(units);
    if (stem < 1 || widths.size() != 3 || units.size() != 3 || units.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException(
          "WideResNet needs a stem and 3 stages of >= 1 unit, got " + widths + " " + units);
    }
  }

  /**
   * WRN-depth-widen as in xternalz/WideResNet-pytorch: (depth - 4) / 6 units per stage at widths
   * 16k, 32k, 64k. WRN-28-10 has 36,479,194 parameters and WRN-34-10 46,160,474 for 10 classes.
   *
   * @param depth 6n + 4
   * @param widen k
   */
  public static WideResNet of(int depth, int widen) {
    if (depth < 10 || (depth - 4) % 6 != 0 || widen < 1) {
      throw new IllegalArgumentException(
          "WideResNet depth must be 6n+4 (n >= 1) and width >= 1, got " + depth + "-" + widen);
    }
    int n = (depth - 4) / 6;
    return new WideResNet(16, List.of(16 * widen, 32 * widen, 64 * widen), List.of(n, n, n), Nonlinearity.RELU);
  }

  /** WRN-34-R of Huang et al. 2021 (Huang2021Exploring): widths 320, 640, 512, 5 units each, ReLU. */
  public static WideResNet wrn34R() {
    return new WideResNet(16, List.of(320, 640, 512), List.of(5, 5, 5), Nonlinearity.RELU);
  }

  /**
   * WRN-A4 of Huang et al. 2022 (Huang2022Revisiting_WRN-A4): depths 27, 28, 13 at widening
   * factors 10, 14, 6 (widths 160, 448, 384), SiLU.
   */
  public static WideResNet wrnA4() {
    return new WideResNet(16, List.of(160, 448, 384), List.of(27, 28, 13), Nonlinearity.SILU);
  }

  /**
   * @param classes number of classes
   * @return the uninitialized block
   */
  public Block build(int classes) {
    SequentialBlock net = new SequentialBlock().add(Layers.conv3x3(stem, 1));
    int in = stem;
    for (int stage = 0; stage < widths.size(); stage++) {
      for (int unit = 0; unit < units.get(stage); unit++) {
        int stride = stage > 0 && unit == 0 ? 2 : 1;
        net.add(preActivationUnit(in, widths.get(stage), stride, nonlinearity));
        in = widths.get(stage);
      }
    }
    return net.add(Layers.batchNormThen(nonlinearity)).add(Layers.classifierHead(classes));
  }

  /**
   * The pre-activation basic unit of PreActResNet and WideResNet, whose projection shortcut reads
   * the activated input (as their reference code does).
   */
  static Block preActivationUnit(int in, int out, int stride, Nonlinearity nonlinearity) {
    Block main =
        new SequentialBlock()
            .add(Layers.conv3x3(out, stride))
            .add(Layers.batchNormThen(nonlinearity))
            .add(Layers.conv3x3(out, 1));
    return new Residual(Layers.batchNormThen(nonlinearity), main, Layers.projection(in, out, stride, false));
  }
}
