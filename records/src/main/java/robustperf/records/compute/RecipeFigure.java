package robustperf.records.compute;

import java.util.Locale;
import java.util.Set;

/** The figures a training recipe records, each with the form its value takes. */
public enum RecipeFigure {
  /** The network as trained and released, as the source describes it. */
  ARCHITECTURE(Form.TEXT),
  /** Input side in pixels during training. */
  INPUT_SIZE(Form.WHOLE),
  /** Parameter count as published. */
  PARAMETERS(Form.WHOLE),
  /** What the model was initialised from: "none", or data set, resolution and method. */
  PRETRAINING(Form.TEXT),
  /** Size of the pre-training set, images. */
  PRETRAINING_EXAMPLES(Form.WHOLE),
  /** Pre-training epochs. */
  PRETRAINING_EPOCHS(Form.NUMBER),
  /** Attack steps per example in pre-training, 0 for standard training. */
  PRETRAINING_ATTACK_STEPS(Form.WHOLE),
  /** Training method family of the final stage ({@link #METHODS}). */
  METHOD(Form.METHOD),
  /** Attack iterations per training example (TRADES' inner steps; FGSM 1; standard 0; Free: replays m). */
  ATTACK_STEPS(Form.WHOLE),
  /** Training epochs of the final stage as the source counts them. */
  EPOCHS(Form.NUMBER),
  /** Optimiser steps, where the source counts training in steps. */
  STEPS(Form.WHOLE),
  /** Total batch size, real and extra examples together. */
  BATCH_SIZE(Form.WHOLE),
  /** Size of the real training set used. */
  REAL_EXAMPLES(Form.WHOLE),
  /** "none", or the extra or generated data added. */
  EXTRA_DATA(Form.TEXT),
  /** Size of the extra or generated pool. */
  EXTRA_EXAMPLES(Form.WHOLE),
  /** Fraction of each batch drawn from the real data, in (0, 1]. */
  REAL_FRACTION(Form.FRACTION),
  /** How many examples one epoch means in the source, where it says. */
  EXAMPLES_PER_EPOCH(Form.WHOLE),
  /** Any published cost of producing the extra data. */
  EXTRA_DATA_COST(Form.TEXT),
  /** Reported training wall time, hours. */
  WALL_TIME_HOURS(Form.NUMBER),
  /** Hardware the wall time was measured on. */
  HARDWARE(Form.TEXT),
  /** Other compute the source publishes (FLOPs, GPU-days). */
  REPORTED_COMPUTE(Form.TEXT);

  /** Method families a recipe can name. */
  public static final Set<String> METHODS = Set.of(
      "standard", "pgd", "trades", "mart", "pgd+awp", "trades+awp", "mart+awp", "fgsm", "fgsm-rs", "n-fgsm", "free", "other");

  /** The form of a figure's value. */
  public enum Form {
    TEXT,
    WHOLE,
    NUMBER,
    FRACTION,
    METHOD
  }

  private final Form form;

  RecipeFigure(Form form) {
    this.form = form;
  }

  /** @return the form its value takes */
  public Form form() {
    return form;
  }

  /** @return the CSV column holding the value, e.g. "attack_steps" */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param value the cell, trimmed and not blank
   * @return null when it has this figure's form, else what is wrong with it
   */
  public String problemWith(String value) {
    switch (form) {
      case WHOLE:
        return value.matches("\\d+") ? null : "'" + value + "' is not a whole number (digits only, no separators or units)";
      case NUMBER:
        return parses(value) && Double.parseDouble(value) >= 0 ? null : "'" + value + "' is not a number >= 0";
      case FRACTION:
        return parses(value) && Double.parseDouble(value) > 0 && Double.parseDouble(value) <= 1 ? null : "'" + value + "' is not in (0, 1]";
      case METHOD:
        return METHODS.contains(value) ? null : "'" + value + "' is not one of " + new java.util.TreeSet<>(METHODS);
      default:
        return null;
    }
  }

  private static boolean parses(String value) {
    try {
      return Double.isFinite(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
