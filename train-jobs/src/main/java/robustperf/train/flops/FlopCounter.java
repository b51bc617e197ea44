package robustperf.train.flops;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import robustperf.train.model.Architectures;
import robustperf.train.model.AttentionProducts;
import robustperf.train.model.FeatureGate;
import robustperf.train.model.Layers;

/**
 * Counts the forward cost of an initialized DJL block from the input shapes its layers recorded
 * at initialization. Initialize with a batch of one image (as {@link Architectures#initialize}
 * does) to get per-image figures.
 */
public final class FlopCounter {
  private long convolution;
  private long linear;
  private long attention;
  private long normalization;
  private long activation;
  private long pooling;

  private FlopCounter() {}

  /**
   * @param block an initialized block
   * @return its forward cost for the input shape it was initialized with
   */
  public static FlopCount count(Block block) {
    if (!block.isInitialized()) {
      throw new IllegalStateException("initialize the block before counting its FLOPs");
    }
    FlopCounter counter = new FlopCounter();
    counter.visit(block);
    return new FlopCount(
        counter.convolution,
        counter.linear,
        counter.attention,
        counter.normalization,
        counter.activation,
        counter.pooling,
        Architectures.trainableParameters(block));
  }

  /**
   * Counts an architecture of the catalog without keeping it: builds it, initializes it with one
   * image (FP32) and counts.
   *
   * @param architecture catalog name ({@link Architectures})
   * @param classes number of classes
   * @param image one image's shape (channels, height, width)
   * @return its forward cost per image
   * @throws IllegalArgumentException when the catalog has no such architecture
   */
  public static FlopCount of(String architecture, int classes, Shape image) {
    Block block = Architectures.build(architecture, classes, image);
    try (NDManager manager = NDManager.newBaseManager()) {
      Architectures.initialize(block, manager, image);
      return count(block);
    }
  }

  private void visit(Block block) {
    Shape[] in = block.getInputShapes();
    if (block instanceof Convolution) {
      Shape weight = block.getParameters().get("weight").getArray().getShape();
      Shape out = block.getOutputShapes(in)[0];
      // Each output element takes (in channels / groups) x kernel MACs: the weight size over filters.
      convolution += out.size() * (weight.size() / weight.get(0));
    } else if (block instanceof Linear) {
      Shape weight = block.getParameters().get("weight").getArray().getShape();
      Shape out = block.getOutputShapes(in)[0];
      linear += out.size() * weight.get(1);
    } else if (block instanceof BatchNorm || block instanceof LayerNorm) {
      normalization += 2 * in[0].size();
    } else if (block instanceof AttentionProducts products) {
      attention += products.attentionMacs(in[0]);
    } else if (block instanceof FeatureGate gate) {
      // Gates apply their weights element-wise, as SiLU does: counted with the activations.
      activation += gate.gatingFlops(in[0]);
    } else if (block instanceof LambdaBlock lambda) {
      switch (lambda.getName()) {
        case Layers.RELU, Layers.GELU, Layers.SILU, Layers.SIGMOID -> activation += in[0].size();
        case Layers.AVG_POOL, Layers.MAX_POOL -> pooling += in[0].size();
        default -> {
          // Reshapes and indexing move data without arithmetic.
        }
      }
    }
    block.getChildren().values().forEach(this::visit);
  }
}
