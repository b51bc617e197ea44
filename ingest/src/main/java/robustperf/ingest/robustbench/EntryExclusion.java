package robustperf.ingest.robustbench;

import java.util.Locale;

/**
 * The one rule for which leaderboard entries the analyses take (trend, doubling and year fits,
 * interventions, Pareto fronts, compute fits). An entry is left out, and flagged in every table and
 * figure that shows it, when
 *
 * <ul>
 *   <li>{@link #UNRELIABLE}: RobustBench flags its evaluation as unreliable (its AutoAttack figure is
 *       not the model's robustness, e.g. a randomized or adaptive defence evaluated another way), or
 *   <li>{@link #BROKEN}: it is a broken defence: AutoAttack accuracy below {@link #BROKEN_BELOW_PCT}%
 *       while its paper reported more (or reported nothing). The leaderboards keep such entries as a
 *       record of what failed; in a trend of robustness over time or compute they are points of zero
 *       robustness that no one would build on. The undefended reference ("Standard", reported 0%) is
 *       not a broken defence and stays.
 * </ul>
 *
 * Everything else stays: analyses that need a date or a value skip entries without one, as their
 * own filters say.
 *
 * @param category {@link #UNRELIABLE} or {@link #BROKEN}
 * @param reason the figures behind it, for tables
 */
public record EntryExclusion(String category, String reason) {
  /** Category of entries whose evaluation RobustBench flags as unreliable. */
  public static final String UNRELIABLE = "unreliable";

  /** Category of defences that AutoAttack breaks. */
  public static final String BROKEN = "broken defence";

  /** AutoAttack accuracy below which a defence counts as broken, percent. */
  public static final double BROKEN_BELOW_PCT = 5.0;

  /**
   * @param unreliable RobustBench's flag, or null
   * @param autoattackPct AutoAttack accuracy, percent, or null
   * @param reportedPct robust accuracy the paper reported, percent, or null
   * @return why the entry is left out of the analyses, or null when it is taken
   */
  public static EntryExclusion of(Boolean unreliable, Double autoattackPct, Double reportedPct) {
    if (Boolean.TRUE.equals(unreliable)) {
      return new EntryExclusion(UNRELIABLE, "RobustBench flags its evaluation as unreliable");
    }
    if (autoattackPct != null && autoattackPct < BROKEN_BELOW_PCT && (reportedPct == null || reportedPct > autoattackPct)) {
      return new EntryExclusion(BROKEN, String.format(Locale.ROOT, "AutoAttack %.2f%% < %.0f%% while the paper reported %s",
          autoattackPct, BROKEN_BELOW_PCT, reportedPct == null ? "no figure" : String.format(Locale.ROOT, "%.2f%%", reportedPct)));
    }
    return null;
  }

  /** The rule in one sentence, for tables' notes, the report and the README. */
  public static final String RULE = "an entry is left out when RobustBench flags its evaluation as unreliable, or when it is a"
      + " broken defence: AutoAttack accuracy below " + (int) BROKEN_BELOW_PCT + "% while its paper reported more";

  /** SQL condition over robustbench_entries that keeps the entries this rule takes. */
  public static final String TAKEN = "analysis_exclusion IS NULL";

  /** SQL condition that also takes the broken defences: for the sensitivity tables that show what the rule changes. */
  public static final String TAKEN_WITH_BROKEN = "(analysis_exclusion IS NULL OR analysis_exclusion = '" + BROKEN + "')";
}
