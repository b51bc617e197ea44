package robustperf.cli;

import picocli.CommandLine.ITypeConverter;
import robustperf.records.KeptCheckpoint;

/** Reads --checkpoint best, last or epoch-N. */
final class KeptCheckpointConverter implements ITypeConverter<KeptCheckpoint> {
  @Override
  public KeptCheckpoint convert(String value) {
    return KeptCheckpoint.parse(value);
  }
}
