package robustperf.train.meter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import robustperf.records.EnergyReading;

/**
 * Samples every meter on its own daemon thread at a fixed period (1 s by default) over one
 * interval, an epoch: RAPL counters (so that no wrap is missed), NVML power, utilization and
 * memory, and /proc/stat utilization. {@link #stop()} takes a last sample and returns one reading
 * per component: measured where a meter reads, estimated (and labelled so) where not, null with a
 * reason where neither is possible.
 */
public final class EnergySampler {
  /** Where the meters read: the real system paths, or a fake tree in tests. */
  public record Sources(Path powercap, Path procStat, double memoryGib, CpuPowerEstimate cpu) {
    /**
     * @param memoryGib installed memory, GiB
     * @param cpu the CPU power model for when RAPL is unreadable
     * @return this machine's /sys/class/powercap and /proc/stat
     */
    public static Sources system(double memoryGib, CpuPowerEstimate cpu) {
      return new Sources(Path.of("/sys/class/powercap"), CpuLoad.PROC_STAT, memoryGib, cpu);
    }
  }

  /** The default period: the issue's >= 1 Hz. */
  public static final Duration PERIOD = Duration.ofSeconds(1);

  private final Sources sources;
  private final RaplMeter rapl;
  private final NvmlMeter nvml;
  private final ScheduledExecutorService thread;
  private final long started;
  private long lastSample;
  private CpuLoad firstLoad;
  private CpuLoad lastLoad;
  private String loadFailure;
  private long samples;
  private long samplingNanos;
  private List<EnergyReading> result;

  private EnergySampler(Sources sources, NvmlMeter nvml) {
    this.sources = sources;
    this.rapl = RaplMeter.open(sources.powercap());
    this.nvml = nvml;
    nvml.restart();
    try {
      firstLoad = CpuLoad.read(sources.procStat());
      lastLoad = firstLoad;
    } catch (IOException e) {
      loadFailure = e.getMessage();
    }
    this.started = System.nanoTime();
    this.lastSample = started;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "robustperf-energy-sampler");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens the meters and starts sampling.
   *
   * @param sources where to read
   * @param nvml the GPU meter (opened once per run: loading NVML is not free)
   * @param period sampling period
   * @return the running sampler
   */
  public static EnergySampler start(Sources sources, NvmlMeter nvml, Duration period) {
    EnergySampler sampler = new EnergySampler(sources, nvml);
    long nanos = period.toNanos();
    sampler.thread.scheduleAtFixedRate(sampler::sample, nanos, nanos, TimeUnit.NANOSECONDS);
    return sampler;
  }

  private synchronized void sample() {
    if (result != null) {
      return;
    }
    long begin = System.nanoTime();
    rapl.sample();
    nvml.sample((begin - lastSample) / 1e9);
    if (loadFailure == null) {
      try {
        lastLoad = CpuLoad.read(sources.procStat());
      } catch (IOException e) {
        loadFailure = e.getMessage();
      }
    }
    lastSample = begin;
    samples++;
    samplingNanos += System.nanoTime() - begin;
  }

  /**
   * Stops the thread, takes a last sample and returns the interval's readings (idempotent).
   *
   * @return one reading per component
   */
  public synchronized List<EnergyReading> stop() {
    if (result != null) {
      return result;
    }
    thread.shutdownNow();
    sample();
    double seconds = (lastSample - started) / 1e9;
    List<EnergyReading> readings = new ArrayList<>(rapl.readings());
    boolean packageMeasured =
        readings.stream().anyMatch(r -> r.component().startsWith("cpu-package") && r.kwh() != null);
    if (!packageMeasured) {
      double utilization = loadFailure == null ? lastLoad.utilizationSince(firstLoad) : Double.NaN;
      readings.add(sources.cpu().over(utilization, seconds, loadFailure));
    }
    boolean dramMeasured = readings.stream().anyMatch(r -> r.component().startsWith("dram") && r.kwh() != null);
    if (!dramMeasured) {
      readings.add(MemoryPowerEstimate.over(sources.memoryGib(), seconds));
    }
    // Power integrated from the final sample alone would be one instant stretched over the interval.
    readings.addAll(nvml.readings(samples > 1));
    result = List.copyOf(readings);
    return result;
  }

  /** @return samples taken so far */
  public synchronized long samples() {
    return samples;
  }

  /** @return wall time spent inside the sampler's reads so far, seconds (its own cost) */
  public synchronized double samplingSeconds() {
    return samplingNanos / 1e9;
  }
}
