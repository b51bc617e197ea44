package robustperf.ingest.robustbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import robustperf.records.Norm;
import robustperf.records.PathSafeId;
import robustperf.records.ThreatModel;

/**
 * Parses one RobustBench model_info JSON file strictly: a value is taken only when it has the
 * expected type and form; anything else becomes a null plus a {@link ParseIssue}.
 */
public final class RobustBenchEntryParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The parsed entry and what could not be parsed in it.
   *
   * @param entry the entry
   * @param issues values left null, with reasons
   */
  public record Result(RobustBenchEntry entry, List<ParseIssue> issues) {}

  private final String file;
  private final List<ParseIssue> issues = new ArrayList<>();

  private RobustBenchEntryParser(String file) {
    this.file = file;
  }

  /**
   * Parses a file found at {@code <dataset>/<threat>/<model id>.json} under the snapshot root.
   *
   * @param relativePath path relative to the snapshot root, e.g. "cifar10/Linf/Wong2020Fast.json"
   * @param text the file's content
   * @return the entry and its parse issues
   * @throws MalformedEntryException when the text is not a JSON object, the path is not of that
   *     form, or the model id is not path-safe
   */
  public static Result parse(String relativePath, String text) throws MalformedEntryException {
    return new RobustBenchEntryParser(relativePath).parse(text);
  }

  private Result parse(String text) throws MalformedEntryException {
    String[] parts = file.split("/");
    if (parts.length != 3 || !parts[2].endsWith(".json")) {
      throw new MalformedEntryException(file, "expected <dataset>/<threat>/<model id>.json");
    }
    String dataset = parts[0];
    String threat;
    String modelId;
    try {
      threat = Norm.parse(parts[1]).name();
      modelId = PathSafeId.check("model id", parts[2].substring(0, parts[2].length() - 5));
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException(file, e.getMessage());
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new MalformedEntryException(file, "malformed JSON" + where + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedEntryException(file, "expected a JSON object");
    }

    String jsonDataset = text(root, "dataset", true);
    if (jsonDataset != null && !jsonDataset.equals(dataset)) {
      issue("dataset", jsonDataset, "differs from the folder '" + dataset + "'; the folder is used");
    }
    String link = text(root, "link", true);
    String venue = text(root, "venue", true);
    PublicationDate fromArxiv = PublicationDate.fromArxivLink(link);
    PublicationDate fromVenue = PublicationDate.fromVenue(venue);
    if (fromVenue == null && venue != null) {
      issue("venue", venue, "no year in the venue");
    }
    PublicationDate date = fromArxiv != null ? fromArxiv : fromVenue;
    String archRaw = text(root, "architecture", true);
    ArchitectureName arch = ArchitectureName.parse(archRaw);
    if (arch == null && archRaw != null) {
      issue("architecture", archRaw, "not covered by the architecture normalization rules");
    }
    String epsText = text(root, "eps", true);
    Double eps = null;
    if (epsText != null) {
      try {
        eps = ThreatModel.parseEps(epsText);
      } catch (IllegalArgumentException e) {
        issue("eps", epsText, e.getMessage());
      }
    }
    // Parsed in the file's field order, so that the issues come in that order too.
    Boolean additionalData = bool(root, "additional_data", true);
    Integer forwardPasses = integer(root, "number_forward_passes", true);
    Double clean = percent(root, "clean_acc", true);
    Double autoattack = percent(root, "autoattack_acc", true);
    Double reported = percent(root, "reported", true);
    Double external = percent(root, "external", false);
    Boolean unreliable = bool(root, "unreliable", false);
    EntryExclusion exclusion = EntryExclusion.of(unreliable, autoattack, reported);
    RobustBenchEntry entry =
        new RobustBenchEntry(
            dataset + "/" + threat,
            dataset,
            threat,
            modelId,
            text(root, "name", true),
            text(root, "authors", true),
            link,
            venue,
            date == null ? null : date.year(),
            date == null ? null : date.month(),
            date == null ? null : date.source(),
            fromVenue == null ? null : fromVenue.year(),
            archRaw,
            arch == null ? null : arch.normalized(),
            arch == null ? null : arch.family(),
            arch == null ? null : arch.modifier(),
            epsText,
            eps,
            additionalData,
            forwardPasses,
            clean,
            autoattack,
            reported,
            external,
            unreliable,
            exclusion == null ? null : exclusion.category(),
            exclusion == null ? null : exclusion.reason(),
            text(root, "footnote", false),
            file,
            text);
    return new Result(entry, List.copyOf(issues));
  }

  private void issue(String field, String raw, String reason) {
    issues.add(new ParseIssue(file, field, raw, reason));
  }

  /** Returns the node, or null; records an issue when a required field is absent. */
  private JsonNode field(JsonNode root, String name, boolean required) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        issue(name, null, "required field is absent");
      }
      return null;
    }
    return node;
  }

  private String text(JsonNode root, String name, boolean required) {
    JsonNode node = field(root, name, required);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      issue(name, node.toString(), "expected a string, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
      return null;
    }
    return node.textValue();
  }

  private Boolean bool(JsonNode root, String name, boolean required) {
    JsonNode node = field(root, name, required);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      issue(name, node.toString(), "expected true or false");
      return null;
    }
    return node.booleanValue();
  }

  private Integer integer(JsonNode root, String name, boolean required) {
    JsonNode node = field(root, name, required);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      issue(name, node.toString(), "expected an integer");
      return null;
    }
    return node.intValue();
  }

  /** Accuracies are strings such as "83.34" upstream; a bare number is accepted too. */
  private Double percent(JsonNode root, String name, boolean required) {
    JsonNode node = field(root, name, required);
    if (node == null) {
      return null;
    }
    String raw = node.isTextual() ? node.textValue().trim() : node.toString();
    if (!(node.isTextual() || node.isNumber())) {
      issue(name, raw, "expected a percentage as a string or number");
      return null;
    }
    if (raw.isEmpty()) {
      issue(name, node.textValue(), "empty value");
      return null;
    }
    double value;
    try {
      value = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      issue(name, raw, "not a number");
      return null;
    }
    if (!(value >= 0 && value <= 100)) {
      issue(name, raw, "outside [0, 100]");
      return null;
    }
    return value;
  }
}
