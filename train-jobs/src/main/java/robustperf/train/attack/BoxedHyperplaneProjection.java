package robustperf.train.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import robustperf.records.Norm;

/**
 * FAB's projection step: the smallest perturbation d, in Linf or L2, that puts a point p on the
 * hyperplane {@code <w, z> = b} while p + d stays in the image box [0, 1]^n. Where the box does not
 * reach the hyperplane, d is the box point that comes closest (every coordinate moved as far as it
 * can in the helpful direction).
 *
 * <p>Both norms reduce to one problem. With c = b - <w, p> and each coordinate's room u_i (to 1 or
 * to 0, whichever way helps), the change reachable at radius t is G(t) = sum_i v_i min(t, a_i): for
 * Linf a_i = u_i and v_i = |w_i| (move every coordinate by t), for L2 a_i = u_i / |w_i| and v_i =
 * w_i^2 (move along w, scaled by t; the KKT solution of the box-constrained L2 projection). G is
 * piecewise linear and nondecreasing, so sorting the breakpoints a_i and taking prefix sums gives the
 * smallest t with G(t) = |c| exactly, in O(n log n) per point, computed in float64.
 *
 * @param norm Linf or L2
 */
public record BoxedHyperplaneProjection(Norm norm) {

  public BoxedHyperplaneProjection {
    if (norm == null) {
      throw new IllegalArgumentException("a projection needs a norm");
    }
  }

  /**
   * @param p points, (b, n), in [0, 1]
   * @param w hyperplane normals, (b, n)
   * @param b hyperplane offsets, (b)
   * @return the perturbations d, (b, n), in p's data type
   */
  public NDArray perturbation(NDArray p, NDArray w, NDArray b) {
    DataType type = p.getDataType();
    long n = p.getShape().get(1);
    NDArray p64 = p.toType(DataType.FLOAT64, false);
    NDArray w64 = w.toType(DataType.FLOAT64, false);
    NDArray c = b.toType(DataType.FLOAT64, false).sub(w64.mul(p64).sum(new int[] {1}));
    NDArray direction = w64.mul(c.sign().expandDims(1)).sign(); // +1 where raising z_i helps
    NDArray room = NDArrays.where(direction.gt(0), p64.neg().add(1), NDArrays.where(direction.lt(0), p64, p64.zerosLike()));
    NDArray magnitude = w64.abs();
    NDArray needed = c.abs().expandDims(1);

    NDArray breakpoints;
    NDArray weights;
    if (norm == Norm.Linf) {
      breakpoints = room;
      weights = magnitude;
    } else {
      // a zero weight never saturates; its breakpoint is pushed past every other one
      breakpoints = room.div(magnitude.maximum(1e-300)).minimum(1e300);
      weights = magnitude.square();
    }
    NDArray saturated = magnitude.mul(room); // v_i a_i, computed without the division
    NDArray order = breakpoints.argSort(1, true);
    NDArray sortedA = breakpoints.gather(order, 1);
    NDArray sortedV = weights.gather(order, 1);
    NDArray sortedS = saturated.gather(order, 1);
    NDArray before = sortedS.cumSum(1).sub(sortedS); // S_k: saturated mass of coordinates below a_k
    NDArray totalV = sortedV.sum(new int[] {1}, true);
    NDArray fromK = totalV.sub(sortedV.cumSum(1)).add(sortedV); // V_k: weight still growing at a_k
    NDArray reach = before.add(sortedA.mul(fromK)); // G(a_k)
    NDArray k = reach.lt(needed).toType(DataType.INT64, false).sum(new int[] {1}, true);
    NDArray feasible = k.lt(n);
    NDArray at = k.minimum(n - 1);
    NDArray t = needed.sub(before.gather(at, 1)).div(fromK.gather(at, 1).maximum(1e-300));
    NDArray largest = sortedA.get(":, -1:");
    t = NDArrays.where(feasible, t, largest).maximum(0);
    t = NDArrays.where(needed.gt(0), t, t.zerosLike());

    NDArray move = norm == Norm.Linf
        ? room.minimum(t.broadcast(room.getShape()))
        : room.minimum(t.mul(magnitude));
    return move.mul(direction).toType(type, false);
  }
}
