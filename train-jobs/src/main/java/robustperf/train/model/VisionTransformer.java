package robustperf.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.LayerNorm;

/**
 * A Vision Transformer (Dosovitskiy et al. 2021) with timm's layout: pre-norm encoder units,
 * 4x MLP with GELU, a class token read by the head. Parameter count equals timm's: ViT-Ti/16 at
 * 224 with 1,000 classes has 5,717,416.
 *
 * @param patch patch side in pixels
 * @param depth number of encoder units
 * @param width token width
 * @param heads attention heads
 */
public record VisionTransformer(int patch, int depth, int width, int heads) {

  public VisionTransformer {
    if (patch < 1 || depth < 1 || width < 1 || heads < 1 || width % heads != 0) {
      throw new IllegalArgumentException(
          "ViT needs patch, depth, width, heads >= 1 and width divisible by heads, got p"
              + patch + " d" + depth + " w" + width + " h" + heads);
    }
  }

  /** ViT-Tiny for 32x32 inputs: patch 4, 12 units of width 192 with 3 heads. */
  public static VisionTransformer tiny() {
    return new VisionTransformer(4, 12, 192, 3);
  }

  /** ViT-Small for 32x32 inputs: patch 4, 12 units of width 384 with 6 heads. */
  public static VisionTransformer small() {
    return new VisionTransformer(4, 12, 384, 6);
  }

  /**
   * @param input (channels, height, width) of one image
   * @param classes number of classes
   * @return the block
   */
  public Block build(Shape input, int classes) {
    return build(input, classes, Layers.conv(width, patch, patch, 0, true));
  }

  /**
   * As {@link #build(Shape, int)} with another patch projection, such as Singh et al.'s
   * {@link ConvStem}, in place of the stride-p convolution.
   *
   * @param input (channels, height, width) of one image
   * @param classes number of classes
   * @param patchProjection from images to a (B, width, H/p, W/p) grid
   * @return the block
   */
  public Block build(Shape input, int classes, Block patchProjection) {
    if (input.get(1) % patch != 0 || input.get(2) % patch != 0) {
      throw new IllegalArgumentException("image " + input + " is not divisible into " + patch + "-pixel patches");
    }
    int tokens = (int) ((input.get(1) / patch) * (input.get(2) / patch));
    SequentialBlock net = new SequentialBlock().add(new PatchEmbedding(patchProjection, width, tokens));
    for (int unit = 0; unit < depth; unit++) {
      Block mlp =
          new SequentialBlock()
              .add(layerNorm())
              .add(Layers.linear(4 * width))
              .add(Layers.gelu())
              .add(Layers.linear(width));
      net.add(new Residual(null, new SequentialBlock().add(layerNorm()).add(new SelfAttention(width, heads)), null));
      net.add(new Residual(null, mlp, null));
    }
    return net.add(layerNorm())
        .add(LambdaBlock.singleton(x -> x.get(":, 0, :"), "class_token"))
        .add(Layers.linear(classes));
  }

  private static LayerNorm layerNorm() {
    return LayerNorm.builder().axis(2).optEpsilon(1e-6f).build();
  }
}
