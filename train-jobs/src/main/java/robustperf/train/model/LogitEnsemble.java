package robustperf.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import java.util.List;

/**
 * An ensemble that averages its members' logits. Attacked as one model (its input gradient is the
 * average of the members'), so AutoAttack on it measures the ensemble, not its members one by one.
 */
public final class LogitEnsemble {
  private LogitEnsemble() {}

  /**
   * @param members initialized classifiers of one input shape and class count
   * @return a block whose logits are the mean of the members' logits
   */
  public static Block of(List<Block> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members.size());
    }
    return new ParallelBlock(LogitEnsemble::mean, members);
  }

  private static NDList mean(List<NDList> outputs) {
    NDList logits = new NDList(outputs.size());
    for (NDList out : outputs) {
      logits.add(out.singletonOrThrow());
    }
    NDArray stacked = NDArrays.stack(logits);
    return new NDList(stacked.mean(new int[] {0}));
  }
}
