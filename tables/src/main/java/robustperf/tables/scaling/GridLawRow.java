package robustperf.tables.scaling;

import java.io.Serializable;

/**
 * One law form fitted to one method's scaling grid, with its extrapolation measured on the grid's
 * largest budgets; or, where the grid cannot support the test, one row saying why.
 *
 * @param grid the grid's name
 * @param method the method, e.g. "pgd-steps7"
 * @param form the form's id; null where no law was fitted
 * @param formula the formula with its variables
 * @param parameters the fitted parameters, "name=value" joined by "; "
 * @param runsFitted runs the form was fitted on (the smaller budgets)
 * @param runsHeldOut runs of the held-out budgets
 * @param heldOutBudgets the held-out budgets, training FLOPs, ascending, joined by "; "
 * @param inSampleRmse RMSE of ln residuals on the fitted runs
 * @param extrapolationRmse RMSE of ln residuals on the held-out runs (the choice's criterion)
 * @param rank 1 = lowest extrapolation loss
 * @param chosen whether the form is the method's law (one-standard-error rule)
 * @param heldOutMeanAbsErrorPoints chosen form: mean |forecast - measured| robust accuracy on the held-out runs, points
 * @param heldOutCoverage chosen form: share of held-out runs inside their jackknife+ interval
 * @param nominalCoverage the interval's nominal coverage
 * @param note why a form failed, or why the grid has no law
 */
public record GridLawRow(
    String grid,
    String method,
    String form,
    String formula,
    String parameters,
    int runsFitted,
    int runsHeldOut,
    String heldOutBudgets,
    Double inSampleRmse,
    Double extrapolationRmse,
    Integer rank,
    boolean chosen,
    Double heldOutMeanAbsErrorPoints,
    Double heldOutCoverage,
    Double nominalCoverage,
    String note)
    implements Serializable {}
