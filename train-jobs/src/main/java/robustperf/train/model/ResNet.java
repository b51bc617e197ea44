package robustperf.train.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * A post-activation ResNet (He et al. 2016) in the layout torchvision and its CIFAR copies share:
 * a stem, four stages of basic or bottleneck units at base widths 64, 128, 256, 512 (stride 2 at
 * the first unit of the last three, on the 3x3 convolution: ResNet v1.5), projection shortcuts
 * with batch norm where shape changes, global average pooling and a linear classifier.
 *
 * @param stem ImageNet's or CIFAR's
 * @param bottleneck bottleneck units (1x1, 3x3, 1x1 with 4x expansion) rather than basic ones
 * @param units units per stage
 * @param bottleneckWidening factor on the bottleneck's inner width (torchvision's
 *     {@code width_per_group / 64}: 2 in Wide ResNet-50-2, 1 otherwise)
 */
public record ResNet(Stem stem, boolean bottleneck, List<Integer> units, int bottleneckWidening) {
  private static final int[] WIDTHS = {64, 128, 256, 512};

  /** The layers before the first stage. */
  public enum Stem {
    /** torchvision: 7x7 stride-2 convolution, batch norm, ReLU, 3x3 stride-2 max pooling. */
    IMAGENET,
    /** kuangliu/pytorch-cifar and MadryLab/robustness: 3x3 stride-1 convolution, batch norm, ReLU. */
    CIFAR
  }

  public ResNet {
    units = List.copyOf(units);
    if (units.size() != WIDTHS.length || units.stream().anyMatch(n -> n < 1) || bottleneckWidening < 1) {
      throw new IllegalArgumentException("ResNet needs 4 stages of >= 1 unit and widening >= 1, got " + units);
    }
    if (!bottleneck && bottleneckWidening != 1) {
      throw new IllegalArgumentException("basic units have no bottleneck to widen");
    }
  }

  /** torchvision's resnet18: 11,689,512 parameters. */
  public static ResNet resNet18ImageNet() {
    return new ResNet(Stem.IMAGENET, false, List.of(2, 2, 2, 2), 1);
  }

  /** torchvision's resnet50: 25,557,032 parameters. */
  public static ResNet resNet50ImageNet() {
    return new ResNet(Stem.IMAGENET, true, List.of(3, 4, 6, 3), 1);
  }

  /** torchvision's resnet152: 60,192,808 parameters. */
  public static ResNet resNet152ImageNet() {
    return new ResNet(Stem.IMAGENET, true, List.of(3, 8, 36, 3), 1);
  }

  /** torchvision's wide_resnet50_2: ResNet-50 with bottlenecks twice as wide, 68,883,240 parameters. */
  public static ResNet wideResNet50x2ImageNet() {
    return new ResNet(Stem.IMAGENET, true, List.of(3, 4, 6, 3), 2);
  }

  /** ResNet-18 of kuangliu/pytorch-cifar: 11,173,962 parameters for 10 classes. */
  public static ResNet resNet18Cifar() {
    return new ResNet(Stem.CIFAR, false, List.of(2, 2, 2, 2), 1);
  }

  /** ResNet-50 of MadryLab/robustness {@code cifar_models/resnet.py}: 23,520,842 parameters for 10 classes. */
  public static ResNet resNet50Cifar() {
    return new ResNet(Stem.CIFAR, true, List.of(3, 4, 6, 3), 1);
  }

  /**
   * @param classes number of classes
   * @return the uninitialized block
   */
  public Block build(int classes) {
    SequentialBlock net = new SequentialBlock();
    if (stem == Stem.IMAGENET) {
      net.add(Layers.conv(64, 7, 2, 3, false)).add(Layers.batchNorm()).add(Layers.relu()).add(Layers.maxPool(3, 2, 1));
    } else {
      net.add(Layers.conv3x3(64, 1)).add(Layers.batchNorm()).add(Layers.relu());
    }
    int in = 64;
    int expansion = bottleneck ? 4 : 1;
    for (int stage = 0; stage < WIDTHS.length; stage++) {
      int out = WIDTHS[stage] * expansion;
      for (int unit = 0; unit < units.get(stage); unit++) {
        int stride = stage > 0 && unit == 0 ? 2 : 1;
        Block main =
            bottleneck ? bottleneckBranch(WIDTHS[stage] * bottleneckWidening, out, stride) : basicBranch(out, stride);
        net.add(new Residual(null, main, Layers.projection(in, out, stride, true)));
        net.add(Layers.relu());
        in = out;
      }
    }
    return net.add(Layers.classifierHead(classes));
  }

  private static Block basicBranch(int width, int stride) {
    return new SequentialBlock()
        .add(Layers.conv3x3(width, stride))
        .add(Layers.batchNorm())
        .add(Layers.relu())
        .add(Layers.conv3x3(width, 1))
        .add(Layers.batchNorm());
  }

  private static Block bottleneckBranch(int inner, int out, int stride) {
    return new SequentialBlock()
        .add(Layers.conv1x1(inner, 1))
        .add(Layers.batchNorm())
        .add(Layers.relu())
        .add(Layers.conv3x3(inner, stride))
        .add(Layers.batchNorm())
        .add(Layers.relu())
        .add(Layers.conv1x1(out, 1))
        .add(Layers.batchNorm());
  }
}
