package robustperf.train.attack;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import robustperf.train.model.Network;

/**
 * N-FGSM (de Jorge et al. 2022): noise drawn from a ball of radius {@code noise} (2 eps by
 * default), one step of size eps, and no projection back to the eps-ball: the perturbation may
 * reach noise + step. It is kept inside the image range.
 *
 * @param ball the threat model (its eps sets the step)
 * @param noise radius of the noise
 */
public record NoiseFgsm(EpsBall ball, double noise) implements Attack {

  /** The paper's default: noise 2 eps. */
  public static NoiseFgsm of(EpsBall ball) {
    return new NoiseFgsm(ball, 2 * ball.eps());
  }

  @Override
  public NDArray perturb(NDArray x, Network network, Function<NDArray, NDArray> loss, boolean training) {
    NDArray delta = EpsBall.keepInImage(x, ball.randomStart(x.getManager(), x.getShape(), noise));
    NDArray gradient = network.inputGradient(x.add(delta), loss, training);
    return x.add(delta).add(ball.step(gradient, ball.eps())).clip(0f, 1f);
  }

  @Override
  public double bound() {
    return noise + ball.eps();
  }

  @Override
  public String name() {
    return "n-fgsm";
  }
}
