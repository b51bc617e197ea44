package robustperf.cli;

import java.util.ArrayList;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import robustperf.train.data.Datasets;

/** Reads --dataset: one of {@link Datasets#NAMES}; {@link Names} lists them for the help. */
final class DatasetNameConverter implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    if (!Datasets.NAMES.contains(value)) {
      throw new TypeConversionException("expected one of " + Datasets.NAMES + ", got '" + value + "'");
    }
    return value;
  }

  /** The dataset names, for ${COMPLETION-CANDIDATES}. */
  static final class Names extends ArrayList<String> {
    Names() {
      super(Datasets.NAMES);
    }
  }
}
