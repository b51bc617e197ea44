package robustperf.tables.scaling;

import java.io.Serializable;

/**
 * One run of an isoFLOP scaling grid, as its method's law sees it; the held-out runs with the law's
 * forecast made from the runs below them.
 *
 * @param grid the grid's name
 * @param method the method with its hyperparameters as the grid gave them, e.g. "trades-beta6"
 * @param runId the run
 * @param architecture the model size's catalog name
 * @param parameters N, trainable parameters
 * @param examplesSeen D, training examples times epochs
 * @param budget the training-FLOP budget the cell was laid out for
 * @param trainingFlops C, the training FLOPs measured (attack passes included)
 * @param computeLevel the budget's rank, 0 = smallest
 * @param heldOut whether the law was chosen and scored without this run (the largest budgets)
 * @param robustAccuracyPct the last checkpoint's final PGD-20 robust accuracy on the test images
 * @param cleanAccuracyPct its clean accuracy there
 * @param testImages the test images of that evaluation
 * @param autoattackAccuracyPct AutoAttack (standard) robust accuracy of the last checkpoint, where evaluated
 * @param predictedRobustAccuracyPct held-out runs: the chosen law's forecast
 * @param intervalLowPct held-out runs: lower end of the jackknife+ interval (robust accuracy)
 * @param intervalHighPct held-out runs: upper end
 * @param covered held-out runs: whether the interval held the measured accuracy
 */
public record GridPointRow(
    String grid,
    String method,
    String runId,
    String architecture,
    long parameters,
    long examplesSeen,
    double budget,
    double trainingFlops,
    int computeLevel,
    boolean heldOut,
    double robustAccuracyPct,
    double cleanAccuracyPct,
    int testImages,
    Double autoattackAccuracyPct,
    Double predictedRobustAccuracyPct,
    Double intervalLowPct,
    Double intervalHighPct,
    Boolean covered)
    implements Serializable {}
