package robustperf.tables.scaling;

import java.io.Serializable;

/**
 * One law form's extrapolation scores on one group, as a table row.
 *
 * @param groupValue dataset / norm / eps / monitor
 * @param response "robust_error" or "clean_error"
 * @param form the form's id
 * @param formula the form with its variables
 * @param parameters fitted on the small-compute points, "name=value, ..."
 * @param nFit points fitted
 * @param nHeldOut points held out (largest compute)
 * @param splitLog10Flops largest log10 training FLOPs among the fitted points
 * @param inSampleRmseLn RMSE of ln(predicted / observed) on the fitted points
 * @param extrapolationRmseLn the same on the held-out points: the score
 * @param rank 1 = lowest extrapolation loss
 * @param tiedWithBest within one standard error of the best form's loss
 * @param chosen the form chosen (fewest parameters among the tied)
 * @param converged whether the best start's L-BFGS converged
 * @param startsTried multi-start points tried
 * @param startsConverged of those, converged
 * @param note why a form could not be fitted, else null
 * @param inputFilter which points, as SQL over the joined tables
 */
public record LawChoiceRow(
    String groupValue, String response, String form, String formula, String parameters, int nFit, int nHeldOut,
    double splitLog10Flops, Double inSampleRmseLn, Double extrapolationRmseLn, int rank, boolean tiedWithBest, boolean chosen,
    Boolean converged, Integer startsTried, Integer startsConverged, String note, String inputFilter)
    implements Serializable {}
