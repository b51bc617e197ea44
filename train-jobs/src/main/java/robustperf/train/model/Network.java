package robustperf.train.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import robustperf.train.flops.TrainingFlops;
import robustperf.train.precision.DynamicLossScale;

/**
 * A block being trained: forward passes, input gradients for attacks, and optimizer steps, with
 * every pass counted so that training FLOPs come from what ran, not from a formula.
 *
 * <p>Each gradient computation runs in its own child manager that is closed right after, so the
 * autograd graph of an attack step is freed before the next one (DJL keeps a graph alive as long
 * as any array of it is open). Attack gradients are taken with the weights frozen: PyTorch then
 * skips the weight gradients, which is both faster and the (2K + 3)F convention of
 * {@link TrainingFlops}.
 */
public final class Network {
  private final Block block;
  private final ParameterStore store;
  private final Optimizer optimizer;
  private final List<Parameter> trainable = new ArrayList<>();
  /** FP32 master copies of the trainable FP16 weights; empty for FP32 training. */
  private final Map<Parameter, NDArray> masters = new LinkedHashMap<>();
  private final DynamicLossScale lossScale;
  private long forward;
  private long inputBackward;
  private long fullBackward;
  private long attackForward;
  private long attackBackward;

  /**
   * @param block an initialized block
   * @param manager the manager of the parameters
   * @param optimizer updates the weights; null for evaluation only
   */
  public Network(Block block, NDManager manager, Optimizer optimizer) {
    this(block, manager, optimizer, null);
  }

  /**
   * A network whose block was initialized in FP16 ({@link Architectures#initialize} with
   * FLOAT16): the optimizer updates FP32 master weights, losses are scaled by {@code lossScale}
   * before every backward pass, and overflowed steps are skipped.
   *
   * @param block an initialized block, FP32 or FP16
   * @param manager the manager of the parameters
   * @param optimizer updates the weights; null for evaluation only
   * @param lossScale the loss scale for an FP16 block, null for FP32
   */
  public Network(Block block, NDManager manager, Optimizer optimizer, DynamicLossScale lossScale) {
    this.block = block;
    this.store = new ParameterStore(manager, false);
    this.optimizer = optimizer;
    this.lossScale = lossScale;
    for (Parameter p : block.getParameters().values()) {
      if (p.requiresGradient()) {
        trainable.add(p);
      }
    }
    // An external TorchScript block exposes no parameters: it is FP32 and evaluation only.
    boolean half = !trainable.isEmpty() && trainable.get(0).getArray().getDataType() == DataType.FLOAT16;
    if (half != (lossScale != null)) {
      throw new IllegalArgumentException("an FP16 block needs a loss scale and an FP32 block none");
    }
    if (half && optimizer != null) {
      for (Parameter p : trainable) {
        NDArray master = p.getArray().toType(DataType.FLOAT32, true);
        master.detach();
        masters.put(p, master);
      }
    }
  }

  /** @return the manager the network was built with (parent of evaluation batches) */
  public NDManager manager() {
    return store.getManager();
  }

  /** @return the block */
  public Block block() {
    return block;
  }

  /**
   * Forward pass; inside {@link #descend} it is recorded for the backward pass that follows.
   *
   * @param x images (b, c, h, w) in [0, 1]
   * @param training batch-norm in training mode (batch statistics, running averages updated)
   * @return logits (b, k)
   */
  public NDArray logits(NDArray x, boolean training) {
    forward += x.getShape().get(0);
    if (lossScale == null) {
      return block.forward(store, new NDList(x), training).singletonOrThrow();
    }
    // FP16 forward; logits back to FP32 so that the softmax and the loss are computed in FP32.
    // DJL's toType cuts the autograd graph, so inputs that need a gradient arrive in FP16 already
    // (see leaf) and the logits are widened by adding FP32 zeros, which PyTorch differentiates.
    NDArray half = x.getDataType() == DataType.FLOAT16 ? x : x.toType(DataType.FLOAT16, false);
    NDArray logits = block.forward(store, new NDList(half), training).singletonOrThrow();
    return logits.add(logits.getManager().zeros(logits.getShape(), DataType.FLOAT32));
  }

  /** A scoped copy of x that records its gradient, in the block's input type. */
  private NDArray leaf(NDArray x, NDManager scope) {
    NDArray leaf = scoped(x, scope);
    if (lossScale != null) {
      leaf = leaf.toType(DataType.FLOAT16, false);
    }
    leaf.setRequiresGradient(true);
    return leaf;
  }

  /**
   * The gradient of a loss with respect to the input, weights frozen.
   *
   * @param x the input at which to differentiate
   * @param loss maps logits to a scalar loss
   * @param training batch-norm mode of the forward pass
   * @return d loss / d x, owned by x's manager
   */
  public NDArray inputGradient(NDArray x, Function<NDArray, NDArray> loss, boolean training) {
    while (true) {
      NDArray gradient = scaledInputGradient(x, loss, training);
      // An attack step has no optimizer step to skip: an overflowed FP16 input gradient is
      // recomputed at a lower scale (the passes are counted, they were spent).
      if (lossScale == null || finite(gradient) || !lossScale.backOff()) {
        return gradient;
      }
      gradient.close();
    }
  }

  private NDArray scaledInputGradient(NDArray x, Function<NDArray, NDArray> loss, boolean training) {
    long n = x.getShape().get(0);
    freeze(true);
    try (NDManager scope = x.getManager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray leaf = leaf(x, scope);
      collector.backward(scaled(loss.apply(logits(leaf, training))));
      NDArray gradient = unscaled(leaf.getGradient());
      gradient.attach(x.getManager());
      return gradient;
    } finally {
      freeze(false);
      attackForward += n;
      attackBackward += n;
      inputBackward += n;
    }
  }

  private static boolean finite(NDArray array) {
    try (NDArray wide = array.toType(DataType.FLOAT32, true);
        NDArray sum = wide.sum()) {
      return Float.isFinite(sum.getFloat());
    }
  }

  /**
   * One optimizer step on a loss: forward passes made by {@code loss} are back-propagated to the
   * weights, the optimizer updates them, and their gradients are zeroed.
   *
   * @param loss builds the scalar loss from this network, in the given scope (use
   *     {@link #scoped} to move inputs into it)
   * @return the loss value
   */
  public float descend(ScopedLoss loss) {
    return descend(loss, () -> {});
  }

  private float descend(ScopedLoss loss, Runnable afterBackward) {
    float value = backward(loss, afterBackward);
    if (lossScale == null) {
      for (Parameter p : trainable) {
        try (NDArray gradient = p.getArray().getGradient()) {
          optimizer.update(p.getId(), p.getArray(), gradient);
        }
      }
    } else if (lossScale.step(gradientsFinite())) {
      for (Parameter p : trainable) {
        NDArray master = masters.get(p);
        try (NDArray gradient = p.getArray().getGradient();
            NDArray full = unscaled(gradient)) {
          optimizer.update(p.getId(), master, full);
        }
        try (NDArray half = master.toType(DataType.FLOAT16, true)) {
          half.copyTo(p.getArray());
        }
      }
    }
    zeroGradients();
    return value;
  }

  /** @return the loss scale of an FP16 network, null for FP32 */
  public DynamicLossScale lossScale() {
    return lossScale;
  }

  private NDArray scaled(NDArray loss) {
    return lossScale == null ? loss : loss.mul((float) lossScale.scale());
  }

  /** @return an FP32 copy of a gradient divided by the loss scale, owned by the gradient's manager */
  private NDArray unscaled(NDArray gradient) {
    if (lossScale == null) {
      return gradient.duplicate();
    }
    return gradient.toType(DataType.FLOAT32, true).div((float) lossScale.scale());
  }

  private boolean gradientsFinite() {
    for (Parameter p : trainable) {
      try (NDArray gradient = p.getArray().getGradient()) {
        if (!finite(gradient)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * One optimizer step whose backward pass also yields the input gradient (Free adversarial
   * training's replay: the same pass updates the weights and the perturbation).
   *
   * @param x the input
   * @param loss maps logits to a scalar loss
   * @return the loss and d loss / d x at the weights before the step, owned by x's manager
   */
  public Replay descendWithInputGradient(NDArray x, Function<NDArray, NDArray> loss) {
    NDArray[] gradient = new NDArray[1];
    NDArray[] leaf = new NDArray[1];
    float value = descend(
        (network, scope) -> {
          leaf[0] = leaf(x, scope);
          return loss.apply(network.logits(leaf[0], true));
        },
        () -> {
          gradient[0] = unscaled(leaf[0].getGradient());
          gradient[0].attach(x.getManager());
        });
    return new Replay(value, gradient[0]);
  }

  /**
   * @param loss the step's loss
   * @param inputGradient the input gradient of that loss
   */
  public record Replay(float loss, NDArray inputGradient) {}

  /**
   * Weight gradients of a loss without a step (AWP's ascent direction), in FP32 and unscaled.
   * Gradients are copied out and then zeroed. In FP16 an overflowed gradient is recomputed at a
   * lower loss scale, as an attack's input gradient is: there is no optimizer step to skip.
   *
   * @param loss the loss, as for {@link #descend}
   * @return gradient per trainable parameter, owned by the parameter's manager
   */
  public Map<Parameter, NDArray> weightGradients(ScopedLoss loss) {
    while (true) {
      backward(loss, () -> {});
      if (lossScale == null || gradientsFinite() || !lossScale.backOff()) {
        break;
      }
      zeroGradients();
    }
    Map<Parameter, NDArray> gradients = new LinkedHashMap<>();
    for (Parameter p : trainable) {
      try (NDArray gradient = p.getArray().getGradient()) {
        gradients.put(p, unscaled(gradient));
      }
    }
    zeroGradients();
    return gradients;
  }

  /**
   * @param p a trainable parameter
   * @return its weights in full precision: the FP32 master of an FP16 weight, else the weight itself
   */
  public NDArray fullPrecisionWeight(Parameter p) {
    NDArray master = masters.get(p);
    return master != null ? master : p.getArray();
  }

  /**
   * Moves weights for the next step (AWP's perturbation): FP32 weights in place, FP16 weights
   * rounded from their FP32 master plus the move, so that {@link #restoreWeights} is exact.
   *
   * @param moves FP32 move per parameter
   */
  public void perturbWeights(Map<Parameter, NDArray> moves) {
    moves.forEach((p, move) -> {
      if (lossScale == null) {
        p.getArray().addi(move);
      } else {
        try (NDArray moved = masters.get(p).add(move);
            NDArray half = moved.toType(DataType.FLOAT16, true)) {
          half.copyTo(p.getArray());
        }
      }
    });
  }

  /**
   * Takes a perturbation back after the step made at the moved weights: FP32 weights subtract the
   * move (the step's update stays), FP16 weights are rounded from their masters again (which the
   * step updated, and the move never touched).
   *
   * @param moves the moves given to {@link #perturbWeights}
   */
  public void restoreWeights(Map<Parameter, NDArray> moves) {
    moves.forEach((p, move) -> {
      if (lossScale == null) {
        p.getArray().subi(move);
      } else {
        try (NDArray half = masters.get(p).toType(DataType.FLOAT16, true)) {
          half.copyTo(p.getArray());
        }
      }
    });
  }

  /** @return the trainable parameters, in block order */
  public List<Parameter> trainableParameters() {
    return List.copyOf(trainable);
  }

  /** @return passes made so far */
  public TrainingFlops passes() {
    return new TrainingFlops(forward, inputBackward, fullBackward, attackForward, attackBackward);
  }

  /**
   * Counts forward passes made while crafting an attack without a gradient (TRADES's clean target).
   *
   * @param examples images passed forward
   */
  public void countAttackForward(long examples) {
    attackForward += examples;
  }

  /**
   * A copy of an array owned by a scope, so that everything computed from it is freed with the
   * scope.
   *
   * @param x the array
   * @param scope the scope
   * @return the copy
   */
  public static NDArray scoped(NDArray x, NDManager scope) {
    NDArray copy = x.duplicate();
    copy.attach(scope);
    return copy;
  }

  /** Builds a scalar loss inside a scope. */
  @FunctionalInterface
  public interface ScopedLoss {
    /**
     * @param network the network
     * @param scope owner of the arrays the loss creates
     * @return the scalar loss
     */
    NDArray apply(Network network, NDManager scope);
  }

  private float backward(ScopedLoss loss, Runnable afterBackward) {
    long before = forward;
    try (NDManager scope = store.getManager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray value = loss.apply(this, scope);
      collector.backward(scaled(value));
      afterBackward.run();
      fullBackward += forward - before;
      return value.getFloat();
    }
  }

  private void zeroGradients() {
    for (Parameter p : trainable) {
      // A copy of zeros, not gradient - gradient: an overflowed (inf) gradient would leave NaN.
      // Filled in place with 0, not gradient - gradient: an overflowed (inf) FP16 gradient would
      // leave NaN. (Copying a zeros array in with copyTo crashed libtorch when run repeatedly.)
      try (NDArray gradient = p.getArray().getGradient()) {
        gradient.set(new NDIndex("..."), 0);
      }
    }
  }

  private void freeze(boolean frozen) {
    for (Parameter p : trainable) {
      p.freeze(frozen);
    }
  }
}
