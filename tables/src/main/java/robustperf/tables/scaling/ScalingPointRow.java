package robustperf.tables.scaling;

import java.io.Serializable;

/**
 * One point a law was fitted to.
 *
 * @param groupValue dataset / norm / eps / monitor
 * @param response "robust_error" or "clean_error"
 * @param log10Flops log10 training FLOPs up to the checkpoint
 * @param error the monitored error there, a fraction
 * @param heldOut whether the extrapolation score held it out (largest compute)
 */
public record ScalingPointRow(String groupValue, String response, double log10Flops, double error, boolean heldOut)
    implements Serializable {}
