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
    return smallCnn(classes, 16);
  }

  /**
   * The small CNN at another width, for scaling grids: convolutions of {@code width} and
   * {@code 2 width} filters and a hidden layer of {@code 100 width / 16} units, so every layer
   * scales with width / 16 and the parameters (and FLOPs) about with its square. Width 16 is
   * {@link #smallCnn(int)}.
   *
   * @param classes number of classes
   * @param width filters of the first convolution, a multiple of 4 (for a whole hidden layer)
   * @return the block
   */
  public static Block smallCnn(int classes, int width) {
    if (width < 4 || width % 4 != 0) {
      throw new IllegalArgumentException("small-cnn width must be a multiple of 4 and at least 4, got " + width);
    }
    return new SequentialBlock()
        .add(Layers.conv(width, 4, 2, 1, true))
        .add(Layers.relu())
        .add(Layers.conv(2 * width, 4, 2, 1, true))
        .add(Layers.relu())
        .add(Layers.flatten())
        .add(Layers.linear(100 * width / 16))
        .add(Layers.relu())
        .add(Layers.linear(classes));
  }

  /**
   * The large CNN of Gowal et al. 2018's interval bound propagation ("DM-large"), as CROWN-IBP
   * (huanzhang12/CROWN-IBP {@code model_defs_gowal.py}, {@code IBP_large}) trains it for
   * Zhang2020Towards: 3x3 convolutions with bias to 64, 64, 128 (stride 2), 128, 128 maps, each
   * followed by ReLU, then linear layers to 512 units (ReLU) and to the classes.
   *
   * @param classes number of classes
   * @return the block
   */
  public static Block ibpLargeCnn(int classes) {
    return new SequentialBlock()
        .add(Layers.conv(64, 3, 1, 1, true))
        .add(Layers.relu())
        .add(Layers.conv(64, 3, 1, 1, true))
        .add(Layers.relu())
        .add(Layers.conv(128, 3, 2, 1, true))
        .add(Layers.relu())
        .add(Layers.conv(128, 3, 1, 1, true))
        .add(Layers.relu())
        .add(Layers.conv(128, 3, 1, 1, true))
        .add(Layers.relu())
        .add(Layers.flatten())
        .add(Layers.linear(512))
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
    return preActResNet18(classes, 64);
  }

  /**
   * PreActResNet-18 at another width, for scaling grids: stem and stages of width, 2, 4 and 8
   * times width (64 is {@link #preActResNet18(int)}); parameters grow about with its square.
   *
   * @param classes number of classes
   * @param width the stem's and first stage's channels, at least 1
   * @return the block
   */
  public static Block preActResNet18(int classes, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("preact-resnet-18 width must be at least 1, got " + width);
    }
    SequentialBlock net = new SequentialBlock().add(Layers.conv3x3(width, 1));
    int in = width;
    int[] widths = {width, 2 * width, 4 * width, 8 * width};
    for (int stage = 0; stage < widths.length; stage++) {
      for (int unit = 0; unit < 2; unit++) {
        int stride = stage > 0 && unit == 0 ? 2 : 1;
        net.add(WideResNet.preActivationUnit(in, widths[stage], stride, Nonlinearity.RELU));
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
    return ResNet.resNet18Cifar().build(classes);
  }

  /**
   * ResNet-50 for ImageNet (torchvision's v1.5: stride on the 3x3 convolution of the bottleneck).
   * 25,557,032 parameters for 1,000 classes at 3x224x224.
   *
   * @param classes number of classes
   * @return the block
   */
  public static Block resNet50(int classes) {
    return ResNet.resNet50ImageNet().build(classes);
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
    return WideResNet.of(depth, widen).build(classes);
  }
}
