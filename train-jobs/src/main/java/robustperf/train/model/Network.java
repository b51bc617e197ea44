package robustperf.train.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
    this.block = block;
    this.store = new ParameterStore(manager, false);
    this.optimizer = optimizer;
    for (Parameter p : block.getParameters().values()) {
      if (p.requiresGradient()) {
        trainable.add(p);
      }
    }
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
    return block.forward(store, new NDList(x), training).singletonOrThrow();
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
    long n = x.getShape().get(0);
    freeze(true);
    try (NDManager scope = x.getManager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray leaf = scoped(x, scope);
      leaf.setRequiresGradient(true);
      collector.backward(loss.apply(logits(leaf, training)));
      NDArray gradient = leaf.getGradient().duplicate();
      gradient.attach(x.getManager());
      return gradient;
    } finally {
      freeze(false);
      attackForward += n;
      attackBackward += n;
      inputBackward += n;
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
    for (Parameter p : trainable) {
      try (NDArray gradient = p.getArray().getGradient()) {
        optimizer.update(p.getId(), p.getArray(), gradient);
      }
    }
    zeroGradients();
    return value;
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
          leaf[0] = scoped(x, scope);
          leaf[0].setRequiresGradient(true);
          return loss.apply(network.logits(leaf[0], true));
        },
        () -> {
          gradient[0] = leaf[0].getGradient().duplicate();
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
   * Weight gradients of a loss without a step (AWP's ascent direction). Gradients are copied out
   * and then zeroed.
   *
   * @param loss the loss, as for {@link #descend}
   * @return gradient per trainable parameter, owned by the parameter's manager
   */
  public Map<Parameter, NDArray> weightGradients(ScopedLoss loss) {
    backward(loss, () -> {});
    Map<Parameter, NDArray> gradients = new LinkedHashMap<>();
    for (Parameter p : trainable) {
      try (NDArray gradient = p.getArray().getGradient()) {
        gradients.put(p, gradient.duplicate());
      }
    }
    zeroGradients();
    return gradients;
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
      collector.backward(value);
      afterBackward.run();
      fullBackward += forward - before;
      return value.getFloat();
    }
  }

  private void zeroGradients() {
    for (Parameter p : trainable) {
      try (NDArray gradient = p.getArray().getGradient()) {
        gradient.subi(gradient);
      }
    }
  }

  private void freeze(boolean frozen) {
    for (Parameter p : trainable) {
      p.freeze(frozen);
    }
  }
}
