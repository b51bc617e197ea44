package robustperf.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * The convolutional architectures of the study, written after their PyTorch reference code so that
 * parameter counts match the reference table exactly.
 */
public final class ConvNets {
  private ConvNets() {}

  /**
   * The small CNN of Wong et al.'s MNIST experiments (fast_adversarial): two stride-2 4x4
   * convolutions (16, 32 filters), a 100-unit hidden layer. 166,406 parameters at 1x28x28.
   *
   * @param classes number of classes
   * @return the block
   */
  public static Block smallCnn(int classes) {
    return new SequentialBlock()
        .add(Layers.conv(16, 4, 2, 1, true))
        .add(Layers.relu())
        .add(Layers.conv(32, 4, 2, 1, true))
        .add(Layers.relu())
        .add(Layers.flatten())
        .add(Layers.linear(100))
        .add(Layers.relu())
        .add(Layers.linear(classes));
  }

  /**
   * PreActResNet-18 (He et al. 2016b) as in kuangliu/pytorch-cifar: pre-activation units, projection
   * shortcuts on the activated input, no batch norm after the last unit (Wong et al.'s copy adds
   * one, 1,024 parameters more). 11,171,146 parameters for 10 classes.
   *
   * @param classes number of classes
   * @return the block
   */
  public static Block preActResNet18(int classes) {
    SequentialBlock net = new SequentialBlock().add(Layers.conv3x3(64, 1));
    int in = 64;
    int[] widths = {64, 128, 256, 512};
    for (int stage = 0; stage < widths.length; stage++) {
      for (int unit = 0; unit < 2; unit++) {
        int stride = stage > 0 && unit == 0 ? 2 : 1;
        net.add(preActivationUnit(in, widths[stage], stride));
        in = widths[stage];
      }
    }
    return net.add(Layers.classifierHead(classes));
  }

  /**
   * ResNet-18 with the CIFAR stem (one 3x3 convolution, no max pooling), as in
   * kuangliu/pytorch-cifar. 11,173,962 parameters for 10 classes.
   *
   * @param classes number of classes
   * @return the block
   */
  public static Block resNet18Cifar(int classes) {
    SequentialBlock net =
        new SequentialBlock().add(Layers.conv3x3(64, 1)).add(Layers.batchNorm()).add(Layers.relu());
    int in = 64;
    int[] widths = {64, 128, 256, 512};
    for (int stage = 0; stage < widths.length; stage++) {
      for (int unit = 0; unit < 2; unit++) {
        int stride = stage > 0 && unit == 0 ? 2 : 1;
        Block main =
            new SequentialBlock()
                .add(Layers.conv3x3(widths[stage], stride))
                .add(Layers.batchNorm())
                .add(Layers.relu())
                .add(Layers.conv3x3(widths[stage], 1))
                .add(Layers.batchNorm());
        net.add(new Residual(null, main, projection(in, widths[stage], stride, true)));
        net.add(Layers.relu());
        in = widths[stage];
      }
    }
    return net.add(Layers.classifierHead(classes));
  }

  /**
   * ResNet-50 for ImageNet (torchvision's v1.5: stride on the 3x3 convolution of the bottleneck).
   * 25,557,032 parameters for 1,000 classes at 3x224x224.
   *
   * @param classes number of classes
   * @return the block
   */
  public static Block resNet50(int classes) {
    SequentialBlock net =
        new SequentialBlock()
            .add(Layers.conv(64, 7, 2, 3, false))
            .add(Layers.batchNorm())
            .add(Layers.relu())
            .add(Layers.maxPool(3, 2, 1));
    int in = 64;
    int[] widths = {64, 128, 256, 512};
    int[] units = {3, 4, 6, 3};
    for (int stage = 0; stage < widths.length; stage++) {
      for (int unit = 0; unit < units[stage]; unit++) {
        int stride = stage > 0 && unit == 0 ? 2 : 1;
        int width = widths[stage];
        Block main =
            new SequentialBlock()
                .add(Layers.conv1x1(width, 1))
                .add(Layers.batchNorm())
                .add(Layers.relu())
                .add(Layers.conv3x3(width, stride))
                .add(Layers.batchNorm())
                .add(Layers.relu())
                .add(Layers.conv1x1(width * 4, 1))
                .add(Layers.batchNorm());
        net.add(new Residual(null, main, projection(in, width * 4, stride, true)));
        net.add(Layers.relu());
        in = width * 4;
      }
    }
    return net.add(Layers.classifierHead(classes));
  }

  /**
   * WideResNet-depth-width (Zagoruyko and Komodakis 2016) as in xternalz/WideResNet-pytorch, the
   * code the robustness papers build on: (depth - 4) / 6 pre-activation units per stage, widths
   * 16k, 32k, 64k. WRN-28-10 has 36,479,194 parameters and WRN-34-10 46,160,474 for 10 classes.
   *
   * @param depth depth, 6n + 4
   * @param widen widening factor k
   * @param classes number of classes
   * @return the block
   */
  public static Block wideResNet(int depth, int widen, int classes) {
    if (depth < 10 || (depth - 4) % 6 != 0 || widen < 1) {
      throw new IllegalArgumentException(
          "WideResNet depth must be 6n+4 (n >= 1) and width >= 1, got " + depth + "-" + widen);
    }
    int units = (depth - 4) / 6;
    SequentialBlock net = new SequentialBlock().add(Layers.conv3x3(16, 1));
    int in = 16;
    int[] widths = {16 * widen, 32 * widen, 64 * widen};
    for (int stage = 0; stage < widths.length; stage++) {
      for (int unit = 0; unit < units; unit++) {
        int stride = stage > 0 && unit == 0 ? 2 : 1;
        net.add(preActivationUnit(in, widths[stage], stride));
        in = widths[stage];
      }
    }
    return net.add(Layers.batchNormRelu()).add(Layers.classifierHead(classes));
  }

  private static Block preActivationUnit(int in, int out, int stride) {
    Block main =
        new SequentialBlock()
            .add(Layers.conv3x3(out, stride))
            .add(Layers.batchNormRelu())
            .add(Layers.conv3x3(out, 1));
    Block shortcut = projection(in, out, stride, false);
    return new Residual(Layers.batchNormRelu(), main, shortcut);
  }

  private static Block projection(int in, int out, int stride, boolean batchNorm) {
    if (in == out && stride == 1) {
      return null;
    }
    SequentialBlock projection = new SequentialBlock().add(Layers.conv1x1(out, stride));
    return batchNorm ? projection.add(Layers.batchNorm()) : projection;
  }
}
