package robustperf.tables.cost;

import java.io.Serializable;

/**
 * One hyperparameter study's total training cost beside one run of the configuration it chose
 * (table {@code tuning_cost}).
 *
 * @param dataset the dataset
 * @param architecture the model
 * @param method the training method swept
 * @param hardware GPU / CPU model
 * @param configurations the configurations tried
 * @param runs runs in the study
 * @param chosenConfiguration the configuration chosen
 * @param chosenRobustAccuracyPct its mean robust accuracy, percent
 * @param selectionRule the rule that chose it
 * @param studyTrainingSeconds training seconds of every run
 * @param studyTrainingFlops training FLOPs of every run
 * @param chosenRunTrainingSeconds one chosen run's, mean over its runs
 * @param chosenRunTrainingFlops one chosen run's FLOPs
 * @param tuningOverheadTime study seconds over the chosen run's
 * @param tuningOverheadFlops study FLOPs over the chosen run's
 */
public record TuningCostRow(
    String dataset, String architecture, String method, String hardware, String configurations, int runs,
    String chosenConfiguration, double chosenRobustAccuracyPct, String selectionRule, double studyTrainingSeconds,
    double studyTrainingFlops, double chosenRunTrainingSeconds, double chosenRunTrainingFlops,
    double tuningOverheadTime, double tuningOverheadFlops)
    implements Serializable {}
