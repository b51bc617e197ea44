package robustperf.train.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An external classifier saved as TorchScript (e.g. a RobustBench model exported with
 * torch.jit.trace or torch.jit.script), loaded through DJL's PyTorch engine, with the input
 * normalization it expects applied in front of it: the attacks work in [0, 1] image space, as
 * AutoAttack does. The model stays open until closed.
 */
public final class TorchScriptModel implements AutoCloseable {
  private final Model model;
  private final Block block;

  private TorchScriptModel(Model model, Block block) {
    this.model = model;
    this.block = block;
  }

  /**
   * @param file the TorchScript file (.pt)
   * @param mean per-channel mean subtracted from [0, 1] inputs (zeros for none)
   * @param std per-channel standard deviation divided by (ones for none)
   * @return the loaded model
   * @throws IOException when the file cannot be read or is not TorchScript
   */
  public static TorchScriptModel load(Path file, float[] mean, float[] std) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such TorchScript file");
    }
    if (mean.length != std.length) {
      throw new IllegalArgumentException("normalization mean and std need one value per channel each");
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("normalization std must be > 0, got " + s);
      }
    }
    Model model = Model.newInstance("external", "PyTorch");
    try {
      String name = file.getFileName().toString();
      // trainParam: load outside PyTorch's inference mode, whose tensors cannot take part in autograd.
      model.load(file.toAbsolutePath().getParent(), name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name,
          java.util.Map.of("trainParam", "true"));
    } catch (MalformedModelException | RuntimeException e) {
      model.close();
      throw new IOException(file + ": not a loadable TorchScript model (" + e.getMessage() + ")", e);
    }
    evalModeWithAutograd(model.getBlock(), file);
    return new TorchScriptModel(model, new Normalized(model.getBlock(), mean, std));
  }

  /**
   * DJL runs a TorchScript module either in train() mode with autograd or in eval() mode without
   * it; attacks need eval() mode (batch-norm statistics, no dropout) with input gradients. So the
   * module is put in eval() mode once and DJL's training flag is set without the mode switch it
   * would trigger, and every forward pass asks for the training path (autograd on).
   */
  private static void evalModeWithAutograd(Block block, Path file) throws IOException {
    if (!(block instanceof ai.djl.pytorch.engine.PtSymbolBlock module)) {
      throw new IOException(file + ": loaded as " + block.getClass().getName() + ", not a TorchScript module");
    }
    try {
      java.lang.reflect.Field isTrain = ai.djl.pytorch.engine.PtSymbolBlock.class.getDeclaredField("isTrain");
      isTrain.setAccessible(true);
      isTrain.setBoolean(module, true);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this DJL version's PtSymbolBlock has no isTrain flag: update TorchScriptModel", e);
    }
    ai.djl.pytorch.jni.JniUtils.enableInferenceMode(module);
  }

  /** @return the block: normalization, then the TorchScript module */
  public Block block() {
    return block;
  }

  /** @return the manager that owns the module */
  public NDManager manager() {
    return model.getNDManager();
  }

  @Override
  public void close() {
    model.close();
  }

  /** (x - mean) / std per channel, then the module. */
  private static final class Normalized extends AbstractBlock {
    private final Block module;
    private final float[] mean;
    private final float[] std;

    Normalized(Block module, float[] mean, float[] std) {
      this.module = module;
      this.mean = mean.clone();
      this.std = std.clone();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      NDArray normalized = x;
      if (mean.length > 0) {
        Shape channel = new Shape(1, mean.length, 1, 1);
        NDManager m = x.getManager();
        normalized = x.sub(m.create(mean, channel).toType(x.getDataType(), false))
            .div(m.create(std, channel).toType(x.getDataType(), false));
      }
      // Always the autograd path; the module itself stays in eval() mode (see evalModeWithAutograd).
      return module.forward(store, new NDList(normalized), true);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return module.getOutputShapes(inputShapes);
    }

    @Override
    public boolean isInitialized() {
      return true;
    }
  }
}
