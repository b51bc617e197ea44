package robustperf.train.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import robustperf.records.Norm;

/**
 * The threat model's ball: random starts, steepest-ascent steps and projections for Linf and L2,
 * per example.
 *
 * @param norm Linf or L2
 * @param eps radius
 */
public record EpsBall(Norm norm, double eps) {

  public EpsBall {
    if (norm == null || !(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("an eps-ball needs a norm and a finite eps > 0, got " + norm + " " + eps);
    }
  }

  /**
   * @param manager owner
   * @param shape (b, c, h, w)
   * @param radius radius of the start (eps for PGD, 2 eps for N-FGSM's noise)
   * @return a uniform draw in the Linf ball, or a draw in the L2 ball (Gaussian direction, radius
   *     scaled by u^(1/d) so that it is uniform in volume)
   */
  public NDArray randomStart(NDManager manager, Shape shape, double radius) {
    if (norm == Norm.Linf) {
      return manager.randomUniform((float) -radius, (float) radius, shape);
    }
    NDArray direction = manager.randomNormal(shape);
    long dims = shape.size() / shape.get(0);
    NDArray u = manager.randomUniform(0f, 1f, new Shape(shape.get(0))).pow(1.0 / dims).mul(radius);
    return direction.div(perExampleNorm(direction).add(1e-12f)).mul(broadcastable(u, shape));
  }

  /**
   * @param gradient the loss gradient
   * @param size step size
   * @return the steepest-ascent step of that size: size * sign(g) for Linf, size * g / ||g|| for L2
   */
  public NDArray step(NDArray gradient, double size) {
    if (norm == Norm.Linf) {
      return gradient.sign().mul(size);
    }
    return gradient.div(perExampleNorm(gradient).add(1e-12f)).mul(size);
  }

  /**
   * @param delta a perturbation
   * @return its projection onto the ball
   */
  public NDArray project(NDArray delta) {
    if (norm == Norm.Linf) {
      return delta.clip(-eps, eps);
    }
    NDArray norms = perExampleNorm(delta);
    NDArray factor = norms.add(1e-12f).pow(-1).mul(eps).minimum(1f);
    return delta.mul(factor);
  }

  /**
   * @param x images in [0, 1]
   * @param delta a perturbation
   * @return the perturbation clipped so that x + delta stays in [0, 1]
   */
  public static NDArray keepInImage(NDArray x, NDArray delta) {
    return x.add(delta).clip(0f, 1f).sub(x);
  }

  /**
   * @param delta (b, ...)
   * @return the per-example norm of the ball's kind, broadcastable against delta
   */
  public NDArray perExampleNorm(NDArray delta) {
    long b = delta.getShape().get(0);
    NDArray flat = delta.reshape(b, -1);
    NDArray norms = norm == Norm.Linf ? flat.abs().max(new int[] {1}) : flat.square().sum(new int[] {1}).sqrt();
    return broadcastable(norms, delta.getShape());
  }

  /** @return per-example values, (b), reshaped to (b, 1, ..., 1) to broadcast against shape */
  static NDArray broadcastable(NDArray perExample, Shape shape) {
    long[] dims = new long[shape.dimension()];
    java.util.Arrays.fill(dims, 1L);
    dims[0] = shape.get(0);
    return perExample.reshape(new Shape(dims));
  }
}
