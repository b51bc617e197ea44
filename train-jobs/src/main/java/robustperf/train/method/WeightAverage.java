package robustperf.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of all parameters, batch-norm statistics included, with the
 * warm-up decay min(decay, (1 + t) / (10 + t)) of the robustness papers' EMA. {@link #swap}
 * exchanges the live weights and the average, so evaluating the average is swap, evaluate, swap.
 */
public final class WeightAverage implements AutoCloseable {
  private final List<Parameter> parameters = new ArrayList<>();
  private final List<NDArray> averages = new ArrayList<>();
  private final double decay;
  private long updates;

  /**
   * @param block an initialized block
   * @param decay the asymptotic decay (0.995 in the reference README)
   */
  public WeightAverage(Block block, double decay) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
    }
    this.decay = decay;
    for (Parameter p : block.getParameters().values()) {
      parameters.add(p);
      NDArray copy = p.getArray().duplicate();
      copy.detach();
      averages.add(copy);
    }
  }

  /** Folds the current weights into the average. */
  public void update() {
    updates++;
    double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
    for (int i = 0; i < parameters.size(); i++) {
      NDArray average = averages.get(i);
      NDArray weight = parameters.get(i).getArray();
      // average = d * average + (1 - d) * weight, in place
      average.muli(d).addi(weight.mul(1 - d));
    }
  }

  /** Exchanges the live weights and the average. */
  public void swap() {
    for (int i = 0; i < parameters.size(); i++) {
      NDArray weight = parameters.get(i).getArray();
      NDArray average = averages.get(i);
      try (NDArray held = weight.duplicate()) {
        average.copyTo(weight);
        held.copyTo(average);
      }
    }
  }

  /** @return the decay */
  public double decay() {
    return decay;
  }

  @Override
  public void close() {
    averages.forEach(NDArray::close);
  }
}
