package robustperf.train.attack;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import robustperf.train.model.Network;

/**
 * Projected gradient ascent (Madry et al. 2018): K steps of the given size from a random start in
 * the ball (or from x), each projected onto the ball and the image range. FGSM with random start
 * (Wong et al. 2020) is the one-step case with step 1.25 eps.
 *
 * @param ball the threat model
 * @param steps K >= 1
 * @param stepSize step size
 * @param start where the ascent starts
 */
public record Pgd(EpsBall ball, int steps, double stepSize, Start start) implements Attack {

  /** Where the ascent starts. */
  public enum Start {
    /** At the clean image. */
    CLEAN,
    /** At a uniform draw from the ball (Madry et al.). */
    UNIFORM,
    /** At x + 0.001 N(0, 1), as the TRADES and MART reference code start. */
    SMALL_GAUSSIAN
  }

  public Pgd {
    if (steps < 1 || !(stepSize > 0) || start == null) {
      throw new IllegalArgumentException("PGD needs steps >= 1 and a step size > 0, got " + steps + ", " + stepSize);
    }
  }

  /** FGSM with a uniform random start and step 1.25 eps (Wong et al. 2020). */
  public static Pgd fgsmRandomStart(EpsBall ball) {
    return new Pgd(ball, 1, 1.25 * ball.eps(), Start.UNIFORM);
  }

  @Override
  public NDArray perturb(NDArray x, Network network, Function<NDArray, NDArray> loss, boolean training) {
    NDArray delta =
        switch (start) {
          case CLEAN -> x.zerosLike();
          case UNIFORM -> EpsBall.keepInImage(x, ball.randomStart(x.getManager(), x.getShape(), ball.eps()));
          case SMALL_GAUSSIAN ->
              EpsBall.keepInImage(x, ball.project(x.getManager().randomNormal(x.getShape()).mul(0.001f)));
        };
    for (int k = 0; k < steps; k++) {
      NDArray gradient = network.inputGradient(x.add(delta), loss, training);
      delta = EpsBall.keepInImage(x, ball.project(delta.add(ball.step(gradient, stepSize))));
    }
    return x.add(delta);
  }

  @Override
  public double bound() {
    return ball.eps();
  }

  @Override
  public String name() {
    return steps == 1 && start == Start.UNIFORM ? "fgsm-rs" : "pgd-" + steps;
  }
}
