package robustperf.cli;

import java.util.TreeSet;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import robustperf.train.loop.AutoAttackEvaluation;

/** Reads --version: an AutoAttack version by its id; {@link Names} lists them for the help. */
final class AttackSuiteConverter implements ITypeConverter<AutoAttackEvaluation.Suite> {
  @Override
  public AutoAttackEvaluation.Suite convert(String value) {
    AutoAttackEvaluation.Suite suite = AutoAttackEvaluation.VERSIONS.get(value);
    if (suite == null) {
      throw new TypeConversionException("expected one of " + new Names() + ", got '" + value + "'");
    }
    return suite;
  }

  /** The version ids, sorted, for ${COMPLETION-CANDIDATES}. */
  static final class Names extends TreeSet<String> {
    Names() {
      super(AutoAttackEvaluation.VERSIONS.keySet());
    }
  }
}
