package robustperf.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;

/**
 * XCiT (El-Nouby et al. 2021) as timm's xcit.py builds it with RobustBench's settings for
 * Debenedetti et al.'s models (eta = 1, tokens_norm, qkv bias): a stem of four 3x3 convolutions
 * without bias (to C/8, C/4, C/2, C; batch norm after each, GELU between), Fourier positions,
 * {@code depth} layers of cross-covariance attention, local patch interaction and a 4x MLP (each
 * pre-norm, layer-scaled and residual), then a class token, two class-attention layers, a layer
 * norm and a linear head on the class token.
 *
 * <p>Patch 16 has every stem convolution at stride 2; patch 4 is RobustBench's
 * adapt_model_patches(model, 4) for 32x32 images, which sets the first two to stride 1.
 *
 * @param width token width C (divisible by 8 and by heads)
 * @param depth cross-covariance layers
 * @param heads heads of every attention
 * @param patch effective patch side, 16 or 4
 */
public record Xcit(int width, int depth, int heads, int patch) {
  private static final int CLASS_ATTENTION_LAYERS = 2;

  public Xcit {
    if (width % 8 != 0 || width % heads != 0 || depth < 1 || (patch != 16 && patch != 4)) {
      throw new IllegalArgumentException(
          "XCiT needs width divisible by 8 and heads, depth >= 1 and patch 16 or 4, got C" + width + " d" + depth
              + " h" + heads + " p" + patch);
    }
  }

  /** XCiT-S12 (embed 384, 12 layers, 8 heads). */
  public static Xcit small12(int patch) {
    return new Xcit(384, 12, 8, patch);
  }

  /** XCiT-M12 (embed 512, 12 layers, 8 heads): Debenedetti et al.'s, not timm's 24-layer M. */
  public static Xcit medium12(int patch) {
    return new Xcit(512, 12, 8, patch);
  }

  /** XCiT-L12 (embed 768, 12 layers, 16 heads): Debenedetti et al.'s, not timm's 24-layer L. */
  public static Xcit large12(int patch) {
    return new Xcit(768, 12, 16, patch);
  }

  /**
   * @param input (channels, height, width) of one image, sides divisible by the patch
   * @param classes number of classes
   * @return the block
   */
  public Block build(Shape input, int classes) {
    if (input.get(1) % patch != 0 || input.get(2) % patch != 0) {
      throw new IllegalArgumentException("image " + input + " is not divisible into " + patch + "-pixel patches");
    }
    int rows = (int) input.get(1) / patch;
    int columns = (int) input.get(2) / patch;
    SequentialBlock net =
        new SequentialBlock()
            .add(stem())
            .add(LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), width, -1).transpose(0, 2, 1), "tokens"))
            .add(new FourierPositionalEncoding(width, rows, columns));
    for (int layer = 0; layer < depth; layer++) {
      net.add(scaledResidual(new CrossCovarianceAttention(width, heads)));
      net.add(scaledResidual(new LocalPatchInteraction(width, rows, columns)));
      net.add(scaledResidual(new SequentialBlock().add(Layers.linear(4 * width)).add(Layers.gelu()).add(Layers.linear(width))));
    }
    net.add(new ClassToken(width));
    for (int layer = 0; layer < CLASS_ATTENTION_LAYERS; layer++) {
      net.add(new ClassAttentionBlock(width, heads));
    }
    return net.add(Layers.layerNorm(2, 1e-6f))
        .add(LambdaBlock.singleton(x -> x.get(":, 0, :"), "class_token"))
        .add(Layers.linear(classes));
  }

  private SequentialBlock stem() {
    int[] strides = patch == 16 ? new int[] {2, 2, 2, 2} : new int[] {1, 1, 2, 2};
    int[] widths = {width / 8, width / 4, width / 2, width};
    SequentialBlock stem = new SequentialBlock();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        stem.add(Layers.gelu());
      }
      stem.add(Layers.conv(widths[i], 3, strides[i], 1, false)).add(Layers.batchNorm());
    }
    return stem;
  }

  /** x + gamma * branch(norm(x)), gamma started at RobustBench's eta = 1. */
  private Block scaledResidual(Block branch) {
    Block main = new SequentialBlock().add(Layers.layerNorm(2, 1e-6f)).add(branch).add(new LayerScale(width, 1f));
    return new Residual(null, main, null);
  }
}
