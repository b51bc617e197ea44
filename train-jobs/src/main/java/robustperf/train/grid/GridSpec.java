package robustperf.train.grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import robustperf.records.Norm;
import robustperf.records.PathSafeId;
import robustperf.records.Precision;
import robustperf.records.ThreatModel;
import robustperf.train.data.Datasets;
import robustperf.train.attack.EpsBall;
import robustperf.train.flops.FlopCounter;
import robustperf.train.loop.Recipes;
import robustperf.train.loop.EpochMonitor;
import robustperf.train.loop.RunSpec;
import robustperf.train.schedule.LearningRateSchedule;

/**
 * A grid of runs read from YAML: dataset x architectures x methods (each hyperparameter a value or
 * a list) x epochs x seeds x repeats. Example in data/runs/fashion-mnist-cpu.yaml. Unknown keys
 * and bad values are refused with the file and key named.
 *
 * @param name grid name, a path segment
 * @param runs the expanded runs, in a fixed order
 */
public record GridSpec(String name, List<RunSpec> runs) {

  private static final Set<String> KEYS =
      Set.of(
          "name", "dataset", "dataset_root", "norm", "eps", "architectures", "methods", "epochs", "batch_size",
          "learning_rate", "schedule", "momentum", "weight_decay", "ema_decay", "train_examples",
          "held_out_examples", "test_examples", "seeds", "repeats", "precision", "monitor", "keep_every_epoch", "isoflop");

  /**
   * @param file the YAML file
   * @return the expanded grid
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file and key of a bad entry
   */
  public static GridSpec read(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /**
   * Parses a grid from its YAML text, e.g. a spec file's text shipped to cluster tasks.
   *
   * @param yamlText the YAML
   * @param source where the text comes from, for error messages (the file name)
   * @return the expanded grid
   * @throws IllegalArgumentException naming the source and key of a bad entry
   */
  public static GridSpec parse(String yamlText, String source) {
    Map<?, ?> yaml;
    try {
      yaml = new ObjectMapper(new YAMLFactory()).readValue(yamlText, Map.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(source + ": not a YAML mapping: " + e.getOriginalMessage(), e);
    }
    if (yaml == null) {
      throw new IllegalArgumentException(source + ": not a YAML mapping: the file is empty");
    }
    try {
      return expand(yaml);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param yaml the parsed mapping
   * @return the expanded grid
   */
  static GridSpec expand(Map<?, ?> yaml) {
    for (Object key : yaml.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        throw new IllegalArgumentException("unknown key '" + key + "': expected one of " + new TreeSet<>(KEYS));
      }
    }
    String name = PathSafeId.check("grid name", text(yaml, "name", null));
    String dataset = text(yaml, "dataset", null);
    Datasets.classes(dataset);
    String rootText = text(yaml, "dataset_root", dataset.equals("fashion-mnist") ? Datasets.DEBIAN_FASHION_MNIST.toString() : null);
    Path root = Path.of(rootText);
    ThreatModel threat = ThreatModel.of(Norm.parse(text(yaml, "norm", "Linf")), text(yaml, "eps", null));
    List<String> architectures = list(yaml, "architectures").stream().map(String::valueOf).toList();
    IsoFlopDesign isoflop = yaml.containsKey("isoflop") ? IsoFlopDesign.parse(yaml.get("isoflop")) : null;
    if (isoflop != null && (yaml.containsKey("epochs") || yaml.containsKey("train_examples"))) {
      throw new IllegalArgumentException("an isoflop grid derives epochs and train_examples from its budgets: give neither");
    }
    List<Integer> epochs = isoflop != null ? List.of() : list(yaml, "epochs").stream().map(e -> (int) number("epochs", e)).toList();
    List<Long> seeds = list(yaml, "seeds").stream().map(s -> (long) number("seeds", s)).toList();
    int repeats = (int) number("repeats", yaml.containsKey("repeats") ? yaml.get("repeats") : 1);
    int batch = (int) number("batch_size", required(yaml, "batch_size"));
    double lr = number("learning_rate", required(yaml, "learning_rate"));
    LearningRateSchedule.Kind schedule;
    try {
      schedule = LearningRateSchedule.Kind.valueOf(text(yaml, "schedule", "piecewise"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("schedule must be piecewise, cosine or cyclic, got '" + yaml.get("schedule") + "'");
    }
    double momentum = number("momentum", yaml.containsKey("momentum") ? yaml.get("momentum") : 0.9);
    double decay = number("weight_decay", yaml.containsKey("weight_decay") ? yaml.get("weight_decay") : 5e-4);
    Double ema = yaml.get("ema_decay") == null ? null : number("ema_decay", yaml.get("ema_decay"));
    int trainExamples = (int) number("train_examples", yaml.containsKey("train_examples") ? yaml.get("train_examples") : 0);
    int heldOut = (int) number("held_out_examples", yaml.containsKey("held_out_examples") ? yaml.get("held_out_examples") : 1000);
    Precision precision;
    try {
      precision = Precision.valueOf(text(yaml, "precision", "fp32"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("precision must be fp32 or fp16, got '" + yaml.get("precision") + "'");
    }
    EpochMonitor monitor = EpochMonitor.parse(text(yaml, "monitor", EpochMonitor.PGD_10.configName()));
    int testExamples = (int) number("test_examples", yaml.containsKey("test_examples") ? yaml.get("test_examples") : 0);
    boolean keepEveryEpoch = bool(yaml, "keep_every_epoch");

    List<Map.Entry<String, Map<String, String>>> methods = new ArrayList<>();
    for (Object methodEntry : list(yaml, "methods")) {
      methods.addAll(methodVariants(methodEntry));
    }
    // A plain grid crosses every size with every method and epoch count on the whole training part;
    // an isoFLOP grid gives each size, at each budget, the epochs and subset the budget buys.
    List<Map.Entry<Map.Entry<String, Map<String, String>>, IsoFlopDesign.Cell>> cells = new ArrayList<>();
    if (isoflop == null) {
      for (String architecture : architectures) {
        for (Map.Entry<String, Map<String, String>> method : methods) {
          for (int epochCount : epochs) {
            cells.add(Map.entry(method, new IsoFlopDesign.Cell(architecture, Double.NaN, epochCount, trainExamples)));
          }
        }
      }
    } else {
      // Each size's forward FLOPs, counted once for every method (counting builds the model).
      Map<String, Double> forward = new java.util.HashMap<>();
      for (String architecture : architectures) {
        forward.put(architecture, FlopCounter.of(architecture, Datasets.classes(dataset), Datasets.imageShape(dataset)).forwardFlops());
      }
      for (Map.Entry<String, Map<String, String>> method : methods) {
        for (IsoFlopDesign.Cell cell : isoflopCells(isoflop, dataset, threat, method, architectures, forward, heldOut)) {
          cells.add(Map.entry(method, cell));
        }
      }
    }
    List<RunSpec> runs = new ArrayList<>();
    for (var entry : cells) {
      Map.Entry<String, Map<String, String>> method = entry.getKey();
      IsoFlopDesign.Cell cell = entry.getValue();
      for (long seed : seeds) {
        for (int repeat = 0; repeat < repeats; repeat++) {
          runs.add(
              new RunSpec(
                  new RunSpec.Data(dataset, root, cell.trainExamples(), heldOut, testExamples),
                  new RunSpec.Recipe(cell.architecture(), method.getKey(), method.getValue(), threat, precision),
                  new RunSpec.Optimization(cell.epochs(), batch, lr, schedule, momentum, decay, ema),
                  new RunSpec.Replicate(seed, repeat),
                  new RunSpec.Monitoring(monitor, keepEveryEpoch),
                  Double.isNaN(cell.budget()) ? RunSpec.Origin.NONE : new RunSpec.Origin(name, cell.budget())));
        }
      }
    }
    long distinct = runs.stream().map(RunSpec::runId).distinct().count();
    if (distinct != runs.size()) {
      throw new IllegalArgumentException("the grid repeats a run: " + runs.size() + " runs but " + distinct + " distinct ids");
    }
    return new GridSpec(name, List.copyOf(runs));
  }

  /** The cells of one method variant: what an example costs it, given each size's forward FLOPs. */
  private static List<IsoFlopDesign.Cell> isoflopCells(
      IsoFlopDesign design, String dataset, ThreatModel threat, Map.Entry<String, Map<String, String>> method,
      List<String> architectures, Map<String, Double> forward, int heldOut) {
    if (method.getKey().equals("free")) {
      throw new IllegalArgumentException("isoflop: free replays each batch and divides the epochs; lay it out by epochs instead");
    }
    double passes = CellWork.trainingPassesPerImage(
        method.getKey(), Recipes.method(method.getKey(), method.getValue(), new EpsBall(threat.norm(), threat.eps())));
    try {
      return design.cells(architectures, architecture -> passes * forward.get(architecture), Datasets.trainSize(dataset) - heldOut);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("method " + method.getKey() + method.getValue() + ": " + e.getMessage(), e);
    }
  }

  /** A method entry is a name, or a mapping with "name" and hyperparameters (values or lists). */
  private static List<Map.Entry<String, Map<String, String>>> methodVariants(Object entry) {
    if (!(entry instanceof Map<?, ?> map)) {
      return List.of(Map.entry(String.valueOf(entry), Map.of()));
    }
    Object name = map.get("name");
    if (name == null) {
      throw new IllegalArgumentException("a method entry needs a name: " + map);
    }
    List<Map<String, String>> variants = new ArrayList<>();
    variants.add(new LinkedHashMap<>());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.equals("name")) {
        continue;
      }
      List<?> values = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
      if (values.isEmpty()) {
        throw new IllegalArgumentException("method " + name + ": '" + key + "' has no values");
      }
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> v : variants) {
        for (Object value : values) {
          Map<String, String> copy = new LinkedHashMap<>(v);
          copy.put(key, String.valueOf(value));
          next.add(copy);
        }
      }
      variants = next;
    }
    return variants.stream().map(v -> Map.entry(String.valueOf(name), v)).toList();
  }

  private static Object required(Map<?, ?> yaml, String key) {
    Object value = yaml.get(key);
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is required");
    }
    return value;
  }

  private static String text(Map<?, ?> yaml, String key, String fallback) {
    Object value = yaml.get(key);
    if (value == null) {
      if (fallback == null) {
        throw new IllegalArgumentException("'" + key + "' is required");
      }
      return fallback;
    }
    return String.valueOf(value);
  }

  private static boolean bool(Map<?, ?> yaml, String key) {
    Object value = yaml.get(key);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    throw new IllegalArgumentException("'" + key + "' must be true or false, got '" + value + "'");
  }

  private static List<?> list(Map<?, ?> yaml, String key) {
    Object value = required(yaml, key);
    List<?> values = value instanceof List<?> l ? l : List.of(value);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("'" + key + "' is empty");
    }
    return values;
  }

  private static double number(String key, Object value) {
    try {
      double d = Double.parseDouble(String.valueOf(value));
      if (!Double.isFinite(d) || d < 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + key + "' must be a number >= 0, got '" + value + "'");
    }
  }
}
