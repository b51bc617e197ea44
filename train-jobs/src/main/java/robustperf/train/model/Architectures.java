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
 * {@code vit-small} or {@code vit-pPATCH-dDEPTH-wWIDTH-hHEADS}; RobustBench's transformer-era
 * entries ({@link #TRANSFORMERS}): {@code xcit-s12}, {@code xcit-m12}, {@code xcit-l12} (patch 16)
 * and {@code xcit-s12-p4}, {@code xcit-m12-p4}, {@code xcit-l12-p4} (CIFAR, patch 4);
 * {@code convnext-t}, {@code convnext-s}, {@code convnext-b}, {@code convnext-l} and their
 * {@code -convstem} variants; {@code swin-b}, {@code swin-l}, {@code swin-l-w14};
 * {@code vit-s-convstem}, {@code vit-b-convstem}.
 *
 * <p>Convolutional nets of RobustBench entries ({@link #CONV_NETS}): torchvision's ImageNet layouts
 * {@code resnet-18-imagenet}, {@code resnet-152}, {@code wrn-50-2}; for 32x32 images
 * {@code resnet-50-cifar}, {@code resnet-20}, {@code resnet-32}, {@code resnet-110},
 * {@code densenet-121-cifar}, {@code resnest-152-cifar}; the robust architectures
 * {@code rawrn-70-16}, {@code rawrn-101-2} (ImageNet), {@code wrn-34-r}, {@code wrn-a4} and the
 * certified-training CNN {@code ibp-large-cnn}.
 */
public final class Architectures {
  /** Names accepted besides the wrn and vit patterns. */
  public static final List<String> FIXED = List.of("small-cnn", "preact-resnet-18", "resnet-18", "resnet-50");

  /** RobustBench's XCiT, ConvNeXt, Swin and ConvStem-ViT architectures. */
  public static final List<String> TRANSFORMERS =
      List.of(
          "xcit-s12", "xcit-m12", "xcit-l12", "xcit-s12-p4", "xcit-m12-p4", "xcit-l12-p4",
          "convnext-t", "convnext-s", "convnext-b", "convnext-l",
          "convnext-t-convstem", "convnext-s-convstem", "convnext-b-convstem", "convnext-l-convstem",
          "swin-b", "swin-l", "swin-l-w14", "vit-s-convstem", "vit-b-convstem");

  /** Convolutional nets of RobustBench entries, each of a fixed layout. */
  public static final List<String> CONV_NETS =
      List.of(
          "resnet-18-imagenet", "resnet-152", "wrn-50-2",
          "resnet-50-cifar", "resnet-20", "resnet-32", "resnet-110", "densenet-121-cifar", "resnest-152-cifar",
          "rawrn-70-16", "rawrn-101-2", "wrn-34-r", "wrn-a4", "ibp-large-cnn");

  private static final Pattern WRN = Pattern.compile("wrn-(\\d+)-(\\d+)");
  private static final Pattern VIT = Pattern.compile("vit-p(\\d+)-d(\\d+)-w(\\d+)-h(\\d+)");
  // Width-scaled families for scaling grids (model size N at a fixed layout).
  private static final Pattern SMALL_CNN_WIDTH = Pattern.compile("small-cnn-c(\\d+)");
  private static final Pattern PREACT_WIDTH = Pattern.compile("preact-resnet-18-w(\\d+)");

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
      // Convolutional nets of RobustBench entries (CONV_NETS).
      case "resnet-18-imagenet":
        return ResNet.resNet18ImageNet().build(classes);
      case "resnet-152":
        return ResNet.resNet152ImageNet().build(classes);
      case "wrn-50-2":
        return ResNet.wideResNet50x2ImageNet().build(classes);
      case "resnet-50-cifar":
        return ResNet.resNet50Cifar().build(classes);
      case "resnet-20":
        return new CifarResNet(20).build(classes);
      case "resnet-32":
        return new CifarResNet(32).build(classes);
      case "resnet-110":
        return new CifarResNet(110).build(classes);
      case "densenet-121-cifar":
        return DenseNet.denseNet121Cifar().build(classes);
      case "resnest-152-cifar":
        return ResNeSt.resNeSt152Cifar().build(classes);
      case "rawrn-70-16":
        return RaWideResNet.rawrn70x16().build(classes);
      case "rawrn-101-2":
        return RaResNet.rawrn101x2().build(classes);
      case "wrn-34-r":
        return WideResNet.wrn34R().build(classes);
      case "wrn-a4":
        return WideResNet.wrnA4().build(classes);
      case "ibp-large-cnn":
        return ConvNets.ibpLargeCnn(classes);
      case "vit-tiny":
        return VisionTransformer.tiny().build(image, classes);
      case "vit-small":
        return VisionTransformer.small().build(image, classes);
      // RobustBench's transformer-era entries, as its model zoo builds them.
      case "xcit-s12":
        return Xcit.small12(16).build(image, classes);
      case "xcit-m12":
        return Xcit.medium12(16).build(image, classes);
      case "xcit-l12":
        return Xcit.large12(16).build(image, classes);
      case "xcit-s12-p4":
        return Xcit.small12(4).build(image, classes);
      case "xcit-m12-p4":
        return Xcit.medium12(4).build(image, classes);
      case "xcit-l12-p4":
        return Xcit.large12(4).build(image, classes);
      case "convnext-t":
        return ConvNeXt.tiny().build(classes);
      case "convnext-s":
        return ConvNeXt.small().build(classes);
      case "convnext-b":
        return ConvNeXt.base().build(classes);
      case "convnext-l":
        return ConvNeXt.large().build(classes);
      case "convnext-t-convstem":
        return ConvNeXt.tiny().withConvStem(ConvStem.twoConvolutions(48)).build(classes);
      case "convnext-s-convstem":
        return ConvNeXt.small().withConvStem(ConvStem.twoConvolutions(48)).build(classes);
      case "convnext-b-convstem":
        return ConvNeXt.base().withConvStem(ConvStem.threeConvolutions(64)).build(classes);
      case "convnext-l-convstem":
        return ConvNeXt.large().withConvStem(ConvStem.threeConvolutions(96)).build(classes);
      case "swin-b":
        return SwinTransformer.base().build(image, classes);
      case "swin-l":
        return SwinTransformer.large().build(image, classes);
      case "swin-l-w14":
        return SwinTransformer.largeWindow14().build(image, classes);
      case "vit-s-convstem":
        return new VisionTransformer(16, 12, 384, 6).build(image, classes, ConvStem.fourConvolutionsAndProjection(48, 384).build());
      case "vit-b-convstem":
        return new VisionTransformer(16, 12, 768, 12).build(image, classes, ConvStem.fourConvolutionsAndProjection(48, 768).build());
      default:
        break;
    }
    Matcher wrn = WRN.matcher(name);
    if (wrn.matches()) {
      return ConvNets.wideResNet(Integer.parseInt(wrn.group(1)), Integer.parseInt(wrn.group(2)), classes);
    }
    Matcher smallCnn = SMALL_CNN_WIDTH.matcher(name);
    if (smallCnn.matches()) {
      return ConvNets.smallCnn(classes, Integer.parseInt(smallCnn.group(1)));
    }
    Matcher preAct = PREACT_WIDTH.matcher(name);
    if (preAct.matches()) {
      return ConvNets.preActResNet18(classes, Integer.parseInt(preAct.group(1)));
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
        "unknown architecture '" + name + "': expected one of " + FIXED + ", " + CONV_NETS
            + ", wrn-DEPTH-WIDTH, small-cnn-cWIDTH, preact-resnet-18-wWIDTH, vit-tiny, vit-small, vit-pPATCH-dDEPTH-wWIDTH-hHEADS or one of "
            + TRANSFORMERS);
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

  /**
   * @param name a catalog name {@link #build} accepts
   * @return what the name stands for and where its layout was read, for the FLOP catalog
   *     (data/compute/architectures.csv)
   */
  public static String describe(String name) {
    Matcher wrn = WRN.matcher(name);
    if (wrn.matches()) {
      return "WideResNet-" + wrn.group(1) + "-" + wrn.group(2) + ", CIFAR layout (Zagoruyko and Komodakis 2016; RobustBench wide_resnet.py"
          + " and DMWideResNet): 3x3 stem of 16, three groups of pre-activation basic blocks of widths 16k, 32k, 64k";
    }
    Matcher smallCnn = SMALL_CNN_WIDTH.matcher(name);
    if (smallCnn.matches()) {
      return "Wong et al.'s MNIST CNN at width " + smallCnn.group(1) + " (16 is the original): convolutions of w and 2w filters, 100w/16 hidden units";
    }
    Matcher preAct = PREACT_WIDTH.matcher(name);
    if (preAct.matches()) {
      return "PreActResNet-18, CIFAR layout, at width " + preAct.group(1) + " (64 is the original): stages of w, 2w, 4w, 8w channels";
    }
    Matcher vit = VIT.matcher(name);
    if (vit.matches()) {
      return "Vision Transformer (timm vision_transformer.py): patch " + vit.group(1) + ", " + vit.group(2) + " units of width " + vit.group(3)
          + ", " + vit.group(4) + " heads, class token";
    }
    return switch (name) {
      case "small-cnn" -> "Wong et al.'s MNIST CNN";
      case "preact-resnet-18" -> "PreActResNet-18 (He et al. 2016), CIFAR layout";
      case "resnet-18" -> "ResNet-18, CIFAR layout (3x3 stem, no max-pool)";
      case "resnet-50" -> "ResNet-50, torchvision's ImageNet layout";
      case "resnet-18-imagenet" -> "ResNet-18, torchvision's ImageNet layout";
      case "resnet-152" -> "ResNet-152, torchvision's ImageNet layout";
      case "wrn-50-2" -> "Wide ResNet-50-2, torchvision's ImageNet layout (bottleneck width doubled)";
      case "resnet-50-cifar" -> "ResNet-50, CIFAR layout (MadryLab robustness cifar_models/resnet.py)";
      case "resnet-20", "resnet-32", "resnet-110" -> "He et al.'s CIFAR " + name.replace("resnet-", "ResNet-") + " (option A shortcuts)";
      case "densenet-121-cifar" -> "DenseNet-121 for 32x32 images (kWTA-Activation densenet.py; ReLU kept for k-WTA)";
      case "resnest-152-cifar" -> "ResNeSt-152 for 32x32 images (RobustBench resnest.py, Sehwag2021Proxy_ResNest152)";
      case "rawrn-70-16" -> "Peng et al.'s RaWideResNet-70-16 (RobustBench robustarch_wide_resnet.py)";
      case "rawrn-101-2" -> "Peng et al.'s RaWideResNet-101-2 for ImageNet (RobustBench robustarch_wide_resnet.py)";
      case "wrn-34-r" -> "Huang et al.'s WRN-34-R (RobustBench robust_wide_resnet.py)";
      case "wrn-a4" -> "Huang et al.'s WRN-A4 (RobustBench robust_resnet.py)";
      case "ibp-large-cnn" -> "CROWN-IBP's DM-large CNN (huanzhang12/CROWN-IBP model_defs_gowal.py IBP_large)";
      default -> name.startsWith("xcit-") ? "XCiT (timm xcit.py, RobustBench xcit.py): " + name
          : name.startsWith("convnext-") ? "ConvNeXt (timm convnext.py" + (name.endsWith("convstem") ? ", Singh et al.'s ConvStem)" : ")") + ": " + name
          : name.startsWith("swin-") ? "Swin Transformer (timm swin_transformer.py, RobustBench MIMIR_swin_transformer.py): " + name
          : name.startsWith("vit-") ? "ViT with Singh et al.'s ConvStem (RobustBench convstem_models.py): " + name
          : "see Architectures.build(\"" + name + "\")";
    };
  }
}
