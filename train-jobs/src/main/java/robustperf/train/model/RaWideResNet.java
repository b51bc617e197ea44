package robustperf.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * The robust WideResNet of Peng et al. 2023 for 32x32 images (RaWRN-70-16, RobustBench's
 * {@code robustarch_wide_resnet.NormalizedWideResNet} as {@code get_model("ra_wrn70_16")} builds it
 * for the Peng2023Robust entry): a 3x3 stem convolution, three stages of pre-activation basic units
 * (stride 1, 2, 2) with SiLU and a squeeze-and-excitation block (ReLU inside) after the second
 * convolution, BN, SiLU, global average pooling, linear. Batch norm uses PyTorch momentum 0.01. A
 * strided unit pads its input on the right and bottom only and convolves without padding, as the
 * reference (TensorFlow's "SAME"); this keeps the output size of a padding-1 convolution.
 *
 * @param stem channels of the stem convolution
 * @param widths channels of the three stages
 * @param units units per stage
 * @param squeezeRatio squeeze-excitation channels over the unit's width
 */
public record RaWideResNet(int stem, List<Integer> widths, List<Integer> units, double squeezeRatio) {
  private static final float MOMENTUM = 0.01f;

  /** Name of the parameter-free asymmetric padding (moves data, no arithmetic). */
  public static final String PAD_RIGHT_BOTTOM = "pad_right_bottom";

  public RaWideResNet {
    widths = List.copyOf(widths);
    units = List.copyOf(units);
    if (stem < 1 || widths.size() != 3 || units.size() != 3 || units.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException(
          "RaWideResNet needs a stem and 3 stages of >= 1 unit, got " + widths + " " + units);
    }
  }

  /** RaWRN-70-16: stem 96, units 30, 31, 10 at widths 216, 432, 864, squeeze ratio 0.25. */
  public static RaWideResNet rawrn70x16() {
    return new RaWideResNet(96, List.of(216, 432, 864), List.of(30, 31, 10), 0.25);
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
        net.add(unit(in, widths.get(stage), stride));
        in = widths.get(stage);
      }
    }
    return net.add(normThenSilu()).add(Layers.classifierHead(classes));
  }

  private Block unit(int in, int out, int stride) {
    SequentialBlock main = new SequentialBlock();
    if (stride == 1) {
      main.add(Layers.conv3x3(out, 1));
    } else {
      main.add(LambdaBlock.singleton(x -> x.pad(new Shape(0, 1, 0, 1), 0), PAD_RIGHT_BOTTOM))
          .add(Layers.conv(out, 3, stride, 0, false));
    }
    // Python's round, which rounds halves to even as Math.rint does.
    int squeeze = (int) Math.rint(squeezeRatio * out);
    main.add(normThenSilu())
        .add(Layers.conv3x3(out, 1))
        .add(new SqueezeExcitation(out, squeeze, Nonlinearity.RELU));
    Block projection = in == out ? null : new SequentialBlock().add(Layers.conv1x1(out, stride));
    return new Residual(normThenSilu(), main, projection);
  }

  private static Block normThenSilu() {
    return new SequentialBlock().add(Layers.batchNorm(MOMENTUM)).add(Layers.silu());
  }
}
