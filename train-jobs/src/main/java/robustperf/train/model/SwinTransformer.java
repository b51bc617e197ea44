package robustperf.train.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * Swin Transformer (Liu et al. 2021) as timm's swin_transformer.py and RobustBench's
 * MIMIR_swin_transformer.py build it: a 4x4 stride-4 patch embedding with layer norm, four stages
 * of pre-norm blocks (window attention, shifted in every second block, and a 4x MLP with GELU),
 * patch merging between stages, and a head of layer norm, token average and a linear layer. Where
 * a stage's map is no larger than the window, its window is the map and nothing is shifted.
 *
 * @param embedWidth channels of the first stage (doubled at each merging)
 * @param depths blocks per stage
 * @param heads attention heads per stage
 * @param window window side
 * @param epsilon layer norms' epsilon (timm 1e-5, the MIMIR model 1e-6)
 */
public record SwinTransformer(int embedWidth, List<Integer> depths, List<Integer> heads, int window, float epsilon) {
  private static final int PATCH = 4;

  public SwinTransformer {
    if (depths.size() != 4 || heads.size() != 4 || embedWidth < 1 || window < 1) {
      throw new IllegalArgumentException("Swin has four stages, got depths " + depths + " and heads " + heads);
    }
    depths = List.copyOf(depths);
    heads = List.copyOf(heads);
  }

  /** Swin-B, patch 4, window 7 (timm swin_base_patch4_window7_224). */
  public static SwinTransformer base() {
    return new SwinTransformer(128, List.of(2, 2, 18, 2), List.of(4, 8, 16, 32), 7, 1e-5f);
  }

  /** Swin-L, patch 4, window 7 (timm swin_large_patch4_window7_224). */
  public static SwinTransformer large() {
    return new SwinTransformer(192, List.of(2, 2, 18, 2), List.of(6, 12, 24, 48), 7, 1e-5f);
  }

  /** Swin-L with window 14, as RobustBench's build_swin_large builds Xu2024MIMIR_Swin-L. */
  public static SwinTransformer largeWindow14() {
    return new SwinTransformer(192, List.of(2, 2, 18, 2), List.of(6, 12, 24, 48), 14, 1e-6f);
  }

  /**
   * @param input (channels, height, width) of one square image, its side divisible by 32
   * @param classes number of classes
   * @return the block
   */
  public Block build(Shape input, int classes) {
    if (input.get(1) != input.get(2) || input.get(1) % (PATCH * 8) != 0) {
      throw new IllegalArgumentException("Swin takes square images with a side divisible by 32, got " + input);
    }
    int grid = (int) input.get(1) / PATCH;
    SequentialBlock net =
        new SequentialBlock()
            .add(Layers.conv(embedWidth, PATCH, PATCH, 0, true))
            .add(LambdaBlock.singleton(x -> x.transpose(0, 2, 3, 1), "channels_last"))
            .add(Layers.layerNorm(3, epsilon));
    int width = embedWidth;
    for (int stage = 0; stage < 4; stage++) {
      if (stage > 0) {
        net.add(new PatchMerging(width, epsilon));
        width *= 2;
        grid /= 2;
      }
      // The reference code's rule: a map no larger than the window is one unshifted window.
      int stageWindow = Math.min(window, grid);
      for (int unit = 0; unit < depths.get(stage); unit++) {
        int shift = unit % 2 == 1 && grid > window ? stageWindow / 2 : 0;
        net.add(attentionUnit(width, heads.get(stage), grid, stageWindow, shift));
        net.add(new Residual(null, mlp(width), null));
      }
    }
    return net.add(Layers.layerNorm(3, epsilon))
        // PyTorch's mean on DJL takes one axis: the map is flattened to tokens first.
        .add(LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), -1, x.getShape().get(3)).mean(new int[] {1}), Layers.AVG_POOL))
        .add(Layers.linear(classes));
  }

  private Block attentionUnit(int width, int heads, int grid, int window, int shift) {
    Block main =
        new SequentialBlock().add(Layers.layerNorm(3, epsilon)).add(new WindowAttention(width, heads, grid, window, shift));
    return new Residual(null, main, null);
  }

  private Block mlp(int width) {
    return new SequentialBlock()
        .add(Layers.layerNorm(3, epsilon))
        .add(Layers.linear(4 * width))
        .add(Layers.gelu())
        .add(Layers.linear(width));
  }
}
