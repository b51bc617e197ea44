package robustperf.train.profile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Chrome trace as the PyTorch profiler writes it, reduced to self time per operator name. Complete
 * events ("ph": "X") nest by time on each thread; an event's self time is its duration minus its
 * direct children's, so that summing self times over all events counts every microsecond of
 * traced work once.
 */
public final class TorchTrace {
  /**
   * One complete event.
   *
   * @param name operator name
   * @param thread thread id
   * @param start start, microseconds
   * @param duration duration, microseconds
   */
  public record Event(String name, String thread, double start, double duration) {
    double end() {
      return start + duration;
    }
  }

  private TorchTrace() {}

  /**
   * @param file a trace written by the profiler
   * @return its complete events
   * @throws IOException when unreadable or not a trace, naming the file
   */
  public static List<Event> read(Path file) throws IOException {
    JsonElement root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(in);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a JSON trace (" + e.getMessage() + ")", e);
    }
    JsonArray events = root.isJsonArray() ? root.getAsJsonArray()
        : root.isJsonObject() && root.getAsJsonObject().has("traceEvents") ? root.getAsJsonObject().getAsJsonArray("traceEvents") : null;
    if (events == null) {
      throw new IOException(file + ": no traceEvents array");
    }
    List<Event> out = new ArrayList<>();
    for (JsonElement e : events) {
      JsonObject o = e.getAsJsonObject();
      if (!o.has("ph") || !"X".equals(o.get("ph").getAsString()) || !o.has("dur") || !o.has("ts") || !o.has("name")) {
        continue;
      }
      out.add(new Event(o.get("name").getAsString(), o.has("tid") ? o.get("tid").getAsString() : "0",
          o.get("ts").getAsDouble(), o.get("dur").getAsDouble()));
    }
    return out;
  }

  /**
   * @param events complete events
   * @return self time per operator name, microseconds, summed over threads
   */
  public static Map<String, Double> selfTimes(List<Event> events) {
    Map<String, List<Event>> byThread = new TreeMap<>();
    for (Event e : events) {
      byThread.computeIfAbsent(e.thread(), k -> new ArrayList<>()).add(e);
    }
    Map<String, Double> self = new LinkedHashMap<>();
    for (List<Event> thread : byThread.values()) {
      // Parents first: earlier start, and the longer of two that start together.
      thread.sort(Comparator.comparingDouble(Event::start).thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
      Deque<double[]> open = new ArrayDeque<>(); // {end, index}
      double[] own = new double[thread.size()];
      for (int i = 0; i < thread.size(); i++) {
        Event e = thread.get(i);
        own[i] = e.duration();
        while (!open.isEmpty() && open.peek()[0] <= e.start()) {
          open.pop();
        }
        if (!open.isEmpty()) {
          own[(int) open.peek()[1]] -= e.duration();
        }
        open.push(new double[] {e.end(), i});
      }
      for (int i = 0; i < thread.size(); i++) {
        self.merge(thread.get(i).name(), Math.max(0, own[i]), Double::sum);
      }
    }
    return self;
  }

  /**
   * @param events complete events
   * @return self time per layer category ({@link LayerCategory}), microseconds
   */
  public static Map<String, Double> byCategory(List<Event> events) {
    Map<String, Double> out = new LinkedHashMap<>();
    selfTimes(events).forEach((name, micros) -> out.merge(LayerCategory.of(name), micros, Double::sum));
    return out;
  }
}
