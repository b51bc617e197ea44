package robustperf.train.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an architecture from its catalog name: {@code small-cnn}, {@code preact-resnet-18},
 * {@code resnet-18}, {@code resnet-50}, {@code wrn-DEPTH-WIDTH}, {@code vit-tiny},
 * {@code vit-small} or {@code vit-pPATCH-dDEPTH-wWIDTH-hHEADS}.
 */
public final class Architectures {
  /** Names accepted besides the wrn and vit patterns. */
  public static final List<String> FIXED = List.of("small-cnn", "preact-resnet-18", "resnet-18", "resnet-50");

  private static final Pattern WRN = Pattern.compile("wrn-(\\d+)-(\\d+)");
  private static final Pattern VIT = Pattern.compile("vit-p(\\d+)-d(\\d+)-w(\\d+)-h(\\d+)");

  private Architectures() {}

  /**
   * @param name catalog name
   * @param classes number of classes
   * @param image (channels, height, width) of one image
   * @return the uninitialized block
   * @throws IllegalArgumentException for an unknown name
   */
  public static Block build(String name, int classes, Shape image) {
    switch (name) {
      case "small-cnn":
        return ConvNets.smallCnn(classes);
      case "preact-resnet-18":
        return ConvNets.preActResNet18(classes);
      case "resnet-18":
        return ConvNets.resNet18Cifar(classes);
      case "resnet-50":
        return ConvNets.resNet50(classes);
      case "vit-tiny":
        return VisionTransformer.tiny().build(image, classes);
      case "vit-small":
        return VisionTransformer.small().build(image, classes);
      default:
        break;
    }
    Matcher wrn = WRN.matcher(name);
    if (wrn.matches()) {
      return ConvNets.wideResNet(Integer.parseInt(wrn.group(1)), Integer.parseInt(wrn.group(2)), classes);
    }
    Matcher vit = VIT.matcher(name);
    if (vit.matches()) {
      return new VisionTransformer(
              Integer.parseInt(vit.group(1)),
              Integer.parseInt(vit.group(2)),
              Integer.parseInt(vit.group(3)),
              Integer.parseInt(vit.group(4)))
          .build(image, classes);
    }
    throw new IllegalArgumentException(
        "unknown architecture '" + name + "': expected one of " + FIXED + ", wrn-DEPTH-WIDTH, vit-tiny, vit-small"
            + " or vit-pPATCH-dDEPTH-wWIDTH-hHEADS");
  }

  /**
   * Initializes a block for batches of the given image shape: He-normal weights (as PyTorch's
   * reference code for these nets uses for convolutions), zero biases, unit BN scales.
   *
   * @param block the block
   * @param manager owner of the parameters
   * @param image (channels, height, width)
   */
  public static void initialize(Block block, NDManager manager, Shape image) {
    initialize(block, manager, image, DataType.FLOAT32);
  }

  /**
   * As {@link #initialize(Block, NDManager, Shape)}, with the parameters in the given type
   * (FLOAT16 for mixed-precision training; DJL blocks cannot be cast after initialization).
   *
   * @param block the block
   * @param manager owner of the parameters
   * @param image (channels, height, width)
   * @param dataType FLOAT32 or FLOAT16
   */
  public static void initialize(Block block, NDManager manager, Shape image, DataType dataType) {
    block.setInitializer(
        new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
        Parameter.Type.WEIGHT);
    block.initialize(manager, dataType, new Shape(1).addAll(image));
  }

  /**
   * @param block an initialized block
   * @return the number of trainable parameters (batch-norm running statistics excluded, as
   *     PyTorch's {@code parameters()} count them)
   */
  public static long trainableParameters(Block block) {
    return block.getParameters().values().stream()
        .filter(Parameter::requiresGradient)
        .mapToLong(p -> p.getArray().getShape().size())
        .sum();
  }
}
