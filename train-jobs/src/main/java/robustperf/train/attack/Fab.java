package robustperf.train.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import robustperf.records.Norm;
import robustperf.train.model.Network;

/**
 * The Fast Adaptive Boundary attack (Croce and Hein 2020, FAB), our own implementation of the
 * published algorithm as AutoAttack runs it. FAB looks for the adversarial point closest to x: at
 * each iteration it linearizes the decision boundary between the true class and a target class
 * (FAB-T: a given class; untargeted FAB: the class whose linearized boundary is nearest), projects
 * both the current iterate and the original point onto that hyperplane within the image box
 * ({@link BoxedHyperplaneProjection}), and steps to a convex combination of the two, biased to
 * the original point by at most alpha_max and extrapolated by eta. When an iterate is adversarial,
 * it is kept if it is the closest so far and pulled back towards x by beta. A point counts as broken
 * when the closest adversarial point found lies within eps. The first run starts at x; restarts (run
 * by the evaluation on the points still robust) start at a random point eps / 2 away, as the
 * reference's do.
 *
 * @param ball the threat model (Linf or L2)
 * @param iterations iterations per run (100 in AutoAttack)
 * @param alphaMax the largest bias towards the original point (0.1)
 * @param eta extrapolation of the projection step (1.05)
 * @param beta the pull-back towards x after an adversarial iterate (0.9)
 */
public record Fab(EpsBall ball, int iterations, double alphaMax, double eta, double beta) {

  public Fab {
    if (iterations < 1 || !(alphaMax >= 0 && alphaMax <= 1) || !(eta >= 1) || !(beta > 0 && beta <= 1)) {
      throw new IllegalArgumentException(
          "FAB needs iterations >= 1, alpha_max in [0, 1], eta >= 1 and beta in (0, 1]");
    }
  }

  /**
   * @param ball the threat model
   * @param iterations iterations per run
   * @return FAB with AutoAttack's alpha_max 0.1, eta 1.05 and beta 0.9
   */
  public static Fab of(EpsBall ball, int iterations) {
    return new Fab(ball, iterations, 0.1, 1.05, 0.9);
  }

  /**
   * @param adversarial per example: the closest adversarial point found, else x
   * @param broken per example: whether that point is misclassified and within eps
   * @param distance per example: its distance to x in the ball's norm (infinite when none was found)
   */
  public record Result(NDArray adversarial, boolean[] broken, float[] distance) {}

  /**
   * FAB-T: the boundary between the true class and a given target.
   *
   * @param network the classifier (batch-norm in inference mode)
   * @param x clean images in [0, 1], (b, c, h, w), correctly classified
   * @param y labels, (b)
   * @param targets target classes, (b)
   * @param randomStart whether to start eps / 2 away from x (restarts) rather than at x
   * @return the result, owned by x's manager
   */
  public Result runTargeted(Network network, NDArray x, NDArray y, NDArray targets, boolean randomStart) {
    NDArray labels = y.toType(DataType.INT32, false);
    NDArray target = targets.toType(DataType.INT32, false);
    return run(network, x, labels, randomStart, (at, home) -> targetedBoundary(network, at, labels, target, home));
  }

  /**
   * Untargeted FAB: at each iteration the class whose linearized boundary is nearest; needs one
   * input gradient per class.
   *
   * @param network the classifier
   * @param x clean images, correctly classified
   * @param y labels, (b)
   * @param randomStart whether to start eps / 2 away from x (restarts) rather than at x
   * @return the result, owned by x's manager
   */
  public Result runUntargeted(Network network, NDArray x, NDArray y, boolean randomStart) {
    NDArray labels = y.toType(DataType.INT32, false);
    int classes = (int) network.logits(x, false).getShape().get(1);
    return run(network, x, labels, randomStart, (at, home) -> nearestBoundary(network, at, labels, classes, home));
  }

  /** The linearized boundary at a point: f = z_t - z_y (negative while classified right) and its input gradient, flattened. */
  private record Boundary(NDArray f, NDArray gradient) {}

  private interface BoundaryAt {
    Boundary at(NDArray point, NDManager home);
  }

  private Result run(Network network, NDArray x, NDArray labels, boolean randomStart, BoundaryAt boundaryAt) {
    NDManager outer = x.getManager();
    Shape shape = x.getShape();
    int n = (int) shape.get(0);
    NDArray x0 = x.reshape(n, -1);
    NDArray bestPoint = x0.duplicate();
    NDArray bestDistance = outer.full(new Shape(n), Float.POSITIVE_INFINITY);
    BoxedHyperplaneProjection projection = new BoxedHyperplaneProjection(ball.norm());
    NDArray x1 = randomStart ? randomStart(x0) : x0.duplicate();
    for (int k = 0; k < iterations; k++) {
      try (NDManager work = outer.newSubManager()) {
        x1.attach(work);
        bestPoint.attach(work);
        bestDistance.attach(work);
        Boundary boundary = boundaryAt.at(x1.reshape(shape), work);
        NDArray offset = boundary.gradient.mul(x1).sum(new int[] {1}).sub(boundary.f);
        NDArray both = projection.perturbation(
            NDArrays.concat(new NDList(x1, x0), 0),
            NDArrays.concat(new NDList(boundary.gradient, boundary.gradient), 0),
            NDArrays.concat(new NDList(offset, offset), 0));
        NDArray fromCurrent = both.get(new NDIndex("0:" + n));
        NDArray fromOriginal = both.get(new NDIndex(n + ":"));
        NDArray lengths = perExampleNorm(both).maximum(1e-8f);
        NDArray a1 = lengths.get(new NDIndex("0:" + n));
        NDArray a2 = lengths.get(new NDIndex(n + ":"));
        NDArray alpha = a1.div(a1.add(a2)).clip(0, alphaMax).expandDims(1);
        NDArray next = x1.add(fromCurrent.mul((float) eta)).mul(alpha.neg().add(1))
            .add(x0.add(fromOriginal.mul((float) eta)).mul(alpha))
            .clip(0f, 1f);
        NDArray adversarial = network.logits(next.reshape(shape), false).argMax(1).toType(DataType.INT32, false).neq(labels);
        NDArray distance = perExampleNorm(next.sub(x0));
        NDArray closer = adversarial.logicalAnd(distance.lt(bestDistance));
        bestPoint = NDArrays.where(rows(closer, bestPoint.getShape()), next, bestPoint);
        bestDistance = NDArrays.where(closer, distance, bestDistance);
        x1 = NDArrays.where(rows(adversarial, next.getShape()), x0.add(next.sub(x0).mul((float) beta)), next);
        x1.attach(outer);
        bestPoint.attach(outer);
        bestDistance.attach(outer);
      }
    }
    NDArray adversarial = bestPoint.reshape(shape);
    boolean[] wrong = network.logits(adversarial, false).argMax(1).toType(DataType.INT32, false).neq(labels).toBooleanArray();
    float[] distance = bestDistance.toFloatArray();
    boolean[] broken = new boolean[n];
    for (int i = 0; i < n; i++) {
      broken[i] = wrong[i] && distance[i] <= ball.eps();
    }
    return new Result(adversarial, broken, distance);
  }

  /** A restart's start: x plus a random direction of length eps / 2, clipped to the box. */
  private NDArray randomStart(NDArray x0) {
    NDManager m = x0.getManager();
    float radius = (float) (ball.eps() / 2);
    NDArray direction = ball.norm() == Norm.Linf ? m.randomUniform(-1f, 1f, x0.getShape()) : m.randomNormal(x0.getShape());
    return x0.add(direction.div(ball.perExampleNorm(direction)).mul(radius)).clip(0f, 1f);
  }

  /** The ball's norm of each row of a flat (b, d) array, as (b). */
  private NDArray perExampleNorm(NDArray flat) {
    return ball.perExampleNorm(flat).reshape(-1);
  }

  private static NDArray rows(NDArray flags, Shape shape) {
    return flags.reshape(shape.get(0), 1).broadcast(shape);
  }

  /** f = z_t - z_y and its gradient, from one forward-backward pass. */
  private static Boundary targetedBoundary(Network network, NDArray at, NDArray labels, NDArray target, NDManager home) {
    NDArray[] f = new NDArray[1];
    NDArray gradient = network.inputGradient(at, logits -> {
      NDArray difference = pick(logits, target).sub(pick(logits, labels));
      f[0] = difference.stopGradient().duplicate();
      f[0].attach(home);
      return difference.sum();
    }, false);
    gradient.attach(home);
    return new Boundary(f[0], gradient.reshape(at.getShape().get(0), -1));
  }

  /**
   * Untargeted: f_j = z_j - z_y and its gradient for every class j, then per example the class
   * with the smallest |f_j| / ||grad f_j||_dual (the nearest linearized boundary; the true class
   * excluded).
   */
  private Boundary nearestBoundary(Network network, NDArray at, NDArray labels, int classes, NDManager home) {
    long n = at.getShape().get(0);
    NDArray bestF = null;
    NDArray bestGradient = null;
    NDArray bestDistance = null;
    for (int j = 0; j < classes; j++) {
      NDArray classJ = home.full(new Shape(n), j, DataType.INT32);
      Boundary b = targetedBoundary(network, at, labels, classJ, home);
      NDArray dual = ball.norm() == Norm.Linf
          ? b.gradient.abs().sum(new int[] {1})
          : b.gradient.square().sum(new int[] {1}).sqrt();
      NDArray distance = b.f.abs().div(dual.add(1e-12f));
      distance = NDArrays.where(labels.eq(j), distance.onesLike().mul(1e10f), distance);
      if (bestF == null) {
        bestF = b.f;
        bestGradient = b.gradient;
        bestDistance = distance;
      } else {
        NDArray nearer = distance.lt(bestDistance);
        bestF = NDArrays.where(nearer, b.f, bestF);
        bestGradient = NDArrays.where(rows(nearer, bestGradient.getShape()), b.gradient, bestGradient);
        bestDistance = NDArrays.where(nearer, distance, bestDistance);
      }
    }
    return new Boundary(bestF, bestGradient);
  }

  private static NDArray pick(NDArray logits, NDArray classes) {
    return logits.gather(classes.toType(DataType.INT64, false).expandDims(1), 1).squeeze(1);
  }
}
