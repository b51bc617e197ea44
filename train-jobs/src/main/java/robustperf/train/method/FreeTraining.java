package robustperf.train.method;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import robustperf.train.attack.EpsBall;
import robustperf.train.loss.Losses;
import robustperf.train.model.Network;

/**
 * Free adversarial training (Shafahi et al. 2019): each batch is replayed m times; every replay's
 * one backward pass updates the weights and moves the perturbation by eps * sign(grad), and the
 * perturbation carries over to the next batch. The loop divides the epochs by m.
 */
public final class FreeTraining implements TrainingMethod {
  private final EpsBall ball;
  private final int replays;
  private NDArray delta;

  /**
   * @param ball the threat model
   * @param replays m (8 in the paper)
   */
  public FreeTraining(EpsBall ball, int replays) {
    if (replays < 1) {
      throw new IllegalArgumentException("Free AT needs m >= 1 replays, got " + replays);
    }
    this.ball = ball;
    this.replays = replays;
  }

  @Override
  public float step(Network network, NDArray x, NDArray y) {
    if (delta == null || !delta.getShape().equals(x.getShape())) {
      if (delta != null) {
        delta.close();
      }
      delta = x.zerosLike();
      delta.detach();
    }
    float loss = 0;
    for (int r = 0; r < replays; r++) {
      NDArray current = EpsBall.keepInImage(x, delta);
      Network.Replay replay =
          network.descendWithInputGradient(x.add(current), logits -> Losses.crossEntropy(logits, y));
      NDArray next =
          EpsBall.keepInImage(x, ball.project(current.add(ball.step(replay.inputGradient(), ball.eps()))));
      delta.close();
      delta = next;
      delta.detach();
      loss += replay.loss();
    }
    return loss / replays;
  }

  @Override
  public String name() {
    return "free-" + replays;
  }

  @Override
  public Map<String, String> hyperparameters() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("replays", Integer.toString(replays));
    h.put("attack_step_size", Double.toString(ball.eps()));
    return h;
  }

  @Override
  public int replays() {
    return replays;
  }
}
