package robustperf.tables.scaling;

import java.io.Serializable;

/**
 * The chosen law along a grid of compute, for plots: the full fit and its split-conformal band.
 *
 * @param groupValue dataset / norm / eps / monitor
 * @param response "robust_error" or "clean_error"
 * @param form the chosen form
 * @param log10Flops log10 training FLOPs
 * @param predictedError the law fitted on all points
 * @param bandLow the conformal band's lower edge (law fitted on the proper training half), null when
 *     the group is too small for a band
 * @param bandHigh its upper edge
 * @param observed whether the compute lies within the points' range (else extrapolated)
 */
public record ScalingCurveRow(
    String groupValue, String response, String form, double log10Flops, double predictedError, Double bandLow, Double bandHigh,
    boolean observed)
    implements Serializable {}
