package robustperf.records.compute;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import robustperf.records.catalog.CatalogException;
import robustperf.records.catalog.CsvRows;

/**
 * data/compute/architectures.csv, written by {@code robustperf count-flops}: one row per
 * architecture, input size and class count the recipes name. Generated, so read strictly: a bad
 * row fails the read, naming file and line.
 *
 * @param rows by {@link ArchitectureCost#key()}
 */
public record ArchitectureCosts(Map<String, ArchitectureCost> rows) {
  /** The file's columns, in order. */
  public static final List<String> COLUMNS =
      List.of("architecture_id", "input_size", "classes", "parameters", "forward_macs", "forward_flops", "definition");

  /**
   * @param file architectures.csv
   * @return its rows
   * @throws CatalogException naming the file and line of a bad row
   */
  public static ArchitectureCosts read(Path file) {
    Map<String, ArchitectureCost> rows = new LinkedHashMap<>();
    for (CsvRows.Row r : CsvRows.read(file, COLUMNS)) {
      ArchitectureCost cost;
      try {
        cost = new ArchitectureCost(r.text("architecture_id"), Integer.parseInt(r.text("input_size")), Integer.parseInt(r.text("classes")),
            Long.parseLong(r.text("parameters")), Long.parseLong(r.text("forward_macs")), r.text("definition"));
      } catch (NumberFormatException e) {
        throw new CatalogException(r.file(), r.line(), "input_size, classes, parameters and forward_macs must be whole numbers");
      }
      if (rows.put(cost.key(), cost) != null) {
        throw new CatalogException(r.file(), r.line(), cost.key() + " appears twice");
      }
    }
    return new ArchitectureCosts(Map.copyOf(rows));
  }

  /**
   * @param architectureId an id
   * @param inputSize input side
   * @param classes classes
   * @return its cost, where counted
   */
  public Optional<ArchitectureCost> find(String architectureId, int inputSize, int classes) {
    return Optional.ofNullable(rows.get(ArchitectureCost.key(architectureId, inputSize, classes)));
  }
}
