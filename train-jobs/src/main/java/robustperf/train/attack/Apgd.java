package robustperf.train.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import robustperf.records.Norm;
import robustperf.train.model.Network;

/**
 * Auto-PGD (Croce and Hein 2020), our own implementation of the published algorithm: a per-example
 * step size that starts at 2 eps and halves at checkpoints (after 22, 41, 57, 70, 80, 87, 93 and
 * 99 of 100 iterations) when fewer than rho = 75% of the steps since the last checkpoint raised the
 * loss, or when the step was not halved last time and the best loss has not risen since; a halving
 * restarts from the best point. Steps use momentum 0.75. An example counts as broken as soon as
 * any iterate is misclassified (that iterate is returned); otherwise the highest-loss point is.
 * The loss is given per example: cross-entropy for APGD-CE, (targeted) DLR for APGD-DLR/APGD-T.
 * For randomized defences, expectation over transformation (EOT) averages the loss and gradient
 * of several forward-backward passes per iteration (20 in AutoAttack's rand version).
 *
 * @param ball the threat model
 * @param iterations iterations per run (100 in AutoAttack)
 * @param rho the fraction of loss-raising steps below which the step halves (0.75)
 * @param momentum the weight of the new step against the last one (0.75)
 * @param eot forward-backward passes averaged per iteration (1 for deterministic models)
 */
public record Apgd(EpsBall ball, int iterations, double rho, double momentum, int eot) {

  public Apgd {
    if (iterations < 1 || !(rho > 0 && rho <= 1) || !(momentum > 0 && momentum <= 1) || eot < 1) {
      throw new IllegalArgumentException("APGD needs iterations >= 1, rho and momentum in (0, 1], eot >= 1");
    }
  }

  /**
   * @param samples EOT passes per iteration
   * @return this attack averaging over that many passes
   */
  public Apgd withEot(int samples) {
    return new Apgd(ball, iterations, rho, momentum, samples);
  }

  /**
   * @param ball the threat model
   * @param iterations iterations per run
   * @return APGD with the paper's rho and momentum
   */
  public static Apgd of(EpsBall ball, int iterations) {
    return new Apgd(ball, iterations, 0.75, 0.75, 1);
  }

  /**
   * The iterations after which the step size may halve: p_0 = 0, p_1 = 0.22, p_{j+1} = p_j +
   * max(p_j - p_{j-1} - 0.03, 0.06), at ceil(p_j x iterations) while p_j <= 1.
   *
   * @param iterations the run length
   * @return the checkpoints, starting with 0
   */
  public static List<Integer> checkpoints(int iterations) {
    List<Integer> out = new ArrayList<>();
    double previous = 0;
    double p = 0.22;
    out.add(0);
    while (p <= 1) {
      out.add((int) Math.ceil(p * iterations - 1e-9));
      double next = p + Math.max(p - previous - 0.03, 0.06);
      previous = p;
      p = next;
    }
    return out;
  }

  /**
   * @param adversarial per example: the first misclassified iterate, else the highest-loss point
   * @param broken per example: whether a misclassified point was found (boolean, (b))
   * @param bestLoss per example: the highest loss reached, (b)
   */
  public record Result(NDArray adversarial, NDArray broken, NDArray bestLoss) {}

  /**
   * Runs the attack from a uniform random start in the ball.
   *
   * @param network the classifier (evaluated with batch-norm in inference mode)
   * @param x clean images in [0, 1], (b, c, h, w)
   * @param y labels, (b)
   * @param loss logits to a per-example loss, (b), which the attack maximizes
   * @return the result, owned by x's manager
   */
  public Result run(Network network, NDArray x, NDArray y, Function<NDArray, NDArray> loss) {
    NDManager outer = x.getManager();
    Shape shape = x.getShape();
    long n = shape.get(0);
    List<Integer> marks = checkpoints(iterations);
    NDArray labels = y.toType(DataType.INT32, false);

    State s = new State();
    s.current = x.add(EpsBall.keepInImage(x, ball.randomStart(outer, shape, ball.eps())));
    Evaluated e = evaluate(network, s.current, labels, loss, eot);
    s.gradient = e.gradient;
    s.previous = s.current;
    s.best = s.current;
    s.bestGradient = e.gradient;
    s.loss = e.loss;
    s.bestLoss = e.loss;
    s.broken = e.wrong;
    s.adversarial = s.current;
    s.eta = EpsBall.broadcastable(outer.full(new Shape(n), (float) (2 * ball.eps())), shape);
    s.raised = outer.zeros(new Shape(n));
    s.reducedLastCheck = outer.zeros(new Shape(n), DataType.BOOLEAN);
    s.bestAtLastCheck = e.loss;
    int nextMark = 1;

    for (int k = 0; k < iterations; k++) {
      try (NDManager work = outer.newSubManager()) {
        State old = s.moveTo(work);
        NDArray xw = x.duplicate();
        xw.attach(work);
        NDArray z = project(xw, old.current.add(step(old.gradient, old.eta)));
        NDArray next = k == 0
            ? z
            : project(xw, old.current.add(z.sub(old.current).mul((float) momentum))
                .add(old.current.sub(old.previous).mul((float) (1 - momentum))));
        Evaluated now = evaluate(network, next, labels, loss, eot);
        NDArray newlyBroken = now.wrong.logicalAnd(old.broken.logicalNot());
        State t = new State();
        t.previous = old.current;
        t.current = next;
        t.gradient = now.gradient;
        t.adversarial = NDArrays.where(perExample(newlyBroken, shape), next, old.adversarial);
        t.broken = old.broken.logicalOr(now.wrong);
        NDArray improved = now.loss.gt(old.bestLoss);
        t.best = NDArrays.where(perExample(improved, shape), next, old.best);
        t.bestGradient = NDArrays.where(perExample(improved, shape), now.gradient, old.bestGradient);
        t.bestLoss = NDArrays.maximum(now.loss, old.bestLoss);
        t.raised = old.raised.add(now.loss.gt(old.loss).toType(DataType.FLOAT32, false));
        t.loss = now.loss;
        t.eta = old.eta;
        t.reducedLastCheck = old.reducedLastCheck;
        t.bestAtLastCheck = old.bestAtLastCheck;
        if (nextMark < marks.size() && k + 1 == marks.get(nextMark)) {
          int height = marks.get(nextMark) - marks.get(nextMark - 1);
          NDArray fewRaises = t.raised.lt((float) (rho * height));
          NDArray stalled = old.reducedLastCheck.logicalNot().logicalAnd(old.bestAtLastCheck.gte(t.bestLoss));
          NDArray reduce = fewRaises.logicalOr(stalled);
          NDArray reduceEach = perExample(reduce, shape);
          t.eta = NDArrays.where(perExample(reduce, t.eta.getShape()), t.eta.div(2f), t.eta);
          t.current = NDArrays.where(reduceEach, t.best, t.current);
          t.gradient = NDArrays.where(reduceEach, t.bestGradient, t.gradient);
          t.reducedLastCheck = reduce;
          t.bestAtLastCheck = t.bestLoss;
          t.raised = t.raised.zerosLike();
          nextMark++;
        }
        s = t.moveTo(outer);
      }
    }
    NDArray adversarial = NDArrays.where(perExample(s.broken, shape), s.adversarial, s.best);
    return new Result(adversarial, s.broken, s.bestLoss);
  }

  /** Per-example loss, its input gradient and whether the point is misclassified, in one pass. */
  private record Evaluated(NDArray loss, NDArray gradient, NDArray wrong) {}

  /**
   * y: INT32 labels. With eot > 1 the loss and gradient are averaged over the passes and the point
   * counts as misclassified when the first pass misclassifies it.
   */
  private static Evaluated evaluate(Network network, NDArray at, NDArray y, Function<NDArray, NDArray> loss, int eot) {
    Evaluated first = evaluateOnce(network, at, y, loss);
    if (eot == 1) {
      return first;
    }
    NDArray lossSum = first.loss;
    NDArray gradientSum = first.gradient;
    for (int i = 1; i < eot; i++) {
      Evaluated more = evaluateOnce(network, at, y, loss);
      lossSum = lossSum.add(more.loss);
      gradientSum = gradientSum.add(more.gradient);
    }
    return new Evaluated(lossSum.div((float) eot), gradientSum.div((float) eot), first.wrong);
  }

  private static Evaluated evaluateOnce(Network network, NDArray at, NDArray y, Function<NDArray, NDArray> loss) {
    NDManager home = at.getManager();
    NDArray[] kept = new NDArray[2];
    NDArray gradient = network.inputGradient(at, logits -> {
      NDArray perExample = loss.apply(logits);
      kept[0] = perExample.stopGradient().duplicate();
      kept[0].attach(home);
      kept[1] = logits.stopGradient().argMax(1).toType(DataType.INT32, false).neq(y);
      kept[1].attach(home);
      return perExample.sum();
    }, false);
    gradient.attach(home);
    return new Evaluated(kept[0], gradient, kept[1]);
  }

  private NDArray step(NDArray gradient, NDArray eta) {
    if (ball.norm() == Norm.Linf) {
      return gradient.sign().mul(eta);
    }
    return gradient.div(ball.perExampleNorm(gradient).add(1e-12f)).mul(eta);
  }

  private NDArray project(NDArray x, NDArray point) {
    return x.add(EpsBall.keepInImage(x, ball.project(point.sub(x))));
  }

  private static NDArray perExample(NDArray flags, Shape shape) {
    // DJL's where does not broadcast: the flags are spread over each example's entries.
    return EpsBall.broadcastable(flags, shape).broadcast(shape);
  }


  /** The iteration's state; moved between managers so each iteration's temporaries are freed. */
  private static final class State {
    NDArray current;
    NDArray previous;
    NDArray gradient;
    NDArray best;
    NDArray bestGradient;
    NDArray loss;
    NDArray bestLoss;
    NDArray broken;
    NDArray adversarial;
    NDArray eta;
    NDArray raised;
    NDArray reducedLastCheck;
    NDArray bestAtLastCheck;

    State moveTo(NDManager manager) {
      for (NDArray a : new NDArray[] {current, previous, gradient, best, bestGradient, loss, bestLoss, broken, adversarial,
          eta, raised, reducedLastCheck, bestAtLastCheck}) {
        a.attach(manager);
      }
      return this;
    }
  }
}
