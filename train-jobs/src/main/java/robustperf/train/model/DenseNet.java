package robustperf.train.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * DenseNet-BC (Huang et al. 2017) for 32x32 images, as kuangliu/pytorch-cifar and the k-WTA code
 * (a554b554/kWTA-Activation {@code kWTA/densenet.py}) write it: a 3x3 convolution to 2k maps; four
 * dense stages whose units (BN, ReLU, 1x1 convolution to 4k, BN, ReLU, 3x3 convolution to k) append
 * k maps to their input; between stages a transition (BN, ReLU, 1x1 convolution to half the maps,
 * 2x2 average pooling); then BN, ReLU, global average pooling, linear. k is the growth rate.
 *
 * <p>Xiao et al. 2020 (k-WTA) replace the ReLUs by k-winners-take-all, which keeps the parameters
 * and the convolution and linear MACs; this definition keeps ReLU.
 *
 * @param units units per dense stage
 * @param growth growth rate k
 */
public record DenseNet(List<Integer> units, int growth) {

  public DenseNet {
    units = List.copyOf(units);
    if (units.isEmpty() || units.stream().anyMatch(n -> n < 1) || growth < 1) {
      throw new IllegalArgumentException("DenseNet needs stages of >= 1 unit and growth >= 1, got " + units);
    }
  }

  /** DenseNet-121 for CIFAR: units 6, 12, 24, 16, growth 32 ({@code DenseNet121()} of kWTA/densenet.py). */
  public static DenseNet denseNet121Cifar() {
    return new DenseNet(List.of(6, 12, 24, 16), 32);
  }

  /**
   * @param classes number of classes
   * @return the uninitialized block
   */
  public Block build(int classes) {
    int maps = 2 * growth;
    SequentialBlock net = new SequentialBlock().add(Layers.conv3x3(maps, 1));
    for (int stage = 0; stage < units.size(); stage++) {
      for (int unit = 0; unit < units.get(stage); unit++) {
        net.add(denseUnit());
        maps += growth;
      }
      if (stage < units.size() - 1) {
        // The reference's reduction 0.5, rounded down.
        maps = maps / 2;
        net.add(
            new SequentialBlock()
                .add(Layers.batchNormThen(Nonlinearity.RELU))
                .add(Layers.conv1x1(maps, 1))
                .add(Layers.avgPool(2, 2, 0, false, true)));
      }
    }
    return net.add(Layers.batchNormThen(Nonlinearity.RELU)).add(Layers.classifierHead(classes));
  }

  /** New maps first, then the input, as the reference's {@code torch.cat([out, x], 1)}. */
  private Block denseUnit() {
    Block newMaps =
        new SequentialBlock()
            .add(Layers.batchNormThen(Nonlinearity.RELU))
            .add(Layers.conv1x1(4 * growth, 1))
            .add(Layers.batchNormThen(Nonlinearity.RELU))
            .add(Layers.conv3x3(growth, 1));
    return new ParallelBlock(
        branches -> new NDList(branches.get(0).singletonOrThrow().concat(branches.get(1).singletonOrThrow(), 1)),
        List.of(newMaps, Blocks.identityBlock()));
  }
}
