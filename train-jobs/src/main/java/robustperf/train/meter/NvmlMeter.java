package robustperf.train.meter;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import robustperf.records.EnergyReading;
import robustperf.records.Provenance;

/**
 * NVIDIA GPU energy through NVML (libnvidia-ml, loaded with JNA), per device: the total-energy
 * counter (millijoules, Volta and later) where the GPU has one; otherwise its power draw
 * integrated over the 1 Hz samples; otherwise (no power sensor) an estimate from the enforced
 * power limit x utilization, labelled estimated. Peak memory in use is kept for the record. Where
 * the library does not load there is nothing to read and {@link #unavailable()} says why.
 * Not thread-safe: one sampler thread.
 */
public final class NvmlMeter {
  /** The few NVML calls used. Return codes: 0 is NVML_SUCCESS. */
  interface Nvml extends Library {
    int nvmlInit_v2();

    int nvmlDeviceGetCount_v2(IntByReference count);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

    /** nvmlUtilization_t is two unsigned ints: gpu and memory percent. */
    int nvmlDeviceGetUtilizationRates(Pointer device, int[] utilization);

    /** nvmlMemory_t is three unsigned long longs: total, free, used bytes. */
    int nvmlDeviceGetMemoryInfo(Pointer device, long[] memory);
  }

  private final Nvml nvml;
  private final String unavailable;
  private final List<Pointer> devices = new ArrayList<>();
  private final long[] first;
  /** Per device: integrated power (joules), power-limit x utilization (joules), peak memory used. */
  private final double[] powerJoules;
  private final double[] limitJoules;
  private final long[] peakMemoryBytes;
  private final boolean[] noPower;
  private final boolean[] noUtilization;

  private NvmlMeter(Nvml nvml, String unavailable) {
    this.nvml = nvml;
    this.unavailable = unavailable;
    if (nvml != null) {
      IntByReference count = new IntByReference();
      if (nvml.nvmlDeviceGetCount_v2(count) == 0) {
        for (int i = 0; i < count.getValue(); i++) {
          PointerByReference handle = new PointerByReference();
          if (nvml.nvmlDeviceGetHandleByIndex_v2(i, handle) == 0) {
            devices.add(handle.getValue());
          }
        }
      }
    }
    int n = devices.size();
    first = new long[n];
    powerJoules = new double[n];
    limitJoules = new double[n];
    peakMemoryBytes = new long[n];
    noPower = new boolean[n];
    noUtilization = new boolean[n];
    restart();
  }

  /** Starts a new interval: counters re-read, integrals and peaks zeroed. */
  public void restart() {
    for (int i = 0; i < devices.size(); i++) {
      first[i] = energy(i);
      powerJoules[i] = 0;
      limitJoules[i] = 0;
      peakMemoryBytes[i] = 0;
      noPower[i] = false;
      noUtilization[i] = false;
    }
  }

  /**
   * Reads power, utilization and memory of every GPU and integrates over the interval since the
   * previous sample (rectangle rule at the sampled value: at 1 Hz the error is well under the
   * sensor's own averaging window).
   *
   * @param seconds time since the previous sample
   */
  public void sample(double seconds) {
    for (int i = 0; i < devices.size(); i++) {
      Pointer device = devices.get(i);
      IntByReference mw = new IntByReference();
      if (nvml.nvmlDeviceGetPowerUsage(device, mw) == 0) {
        powerJoules[i] += mw.getValue() / 1000.0 * seconds;
      } else {
        noPower[i] = true;
      }
      IntByReference limit = new IntByReference();
      int[] rates = new int[2];
      if (nvml.nvmlDeviceGetEnforcedPowerLimit(device, limit) == 0 && nvml.nvmlDeviceGetUtilizationRates(device, rates) == 0) {
        limitJoules[i] += limit.getValue() / 1000.0 * (rates[0] / 100.0) * seconds;
      } else {
        noUtilization[i] = true;
      }
      long[] memory = new long[3];
      if (nvml.nvmlDeviceGetMemoryInfo(device, memory) == 0) {
        peakMemoryBytes[i] = Math.max(peakMemoryBytes[i], memory[2]);
      }
    }
  }

  /** @return peak memory in use per GPU over the samples, bytes (0 where unreadable) */
  public long[] peakMemoryBytes() {
    return peakMemoryBytes.clone();
  }

  /**
   * Loads NVML and takes the first counter readings.
   *
   * @return the meter; {@link #unavailable()} is non-null when NVML could not be used
   */
  public static NvmlMeter open() {
    try {
      Nvml nvml = Native.load("nvidia-ml", Nvml.class);
      int rc = nvml.nvmlInit_v2();
      return rc == 0 ? new NvmlMeter(nvml, null) : new NvmlMeter(null, "nvmlInit_v2 returned " + rc + " (no driver or no GPU)");
    } catch (UnsatisfiedLinkError e) {
      return new NvmlMeter(null, "libnvidia-ml not loadable (" + e.getMessage().lines().findFirst().orElse("") + "): no NVIDIA driver here");
    }
  }

  /** @return the product name of each GPU NVML sees, e.g. "NVIDIA A100-SXM4-40GB" */
  public List<String> deviceNames() {
    List<String> names = new ArrayList<>();
    for (Pointer device : devices) {
      byte[] name = new byte[96];
      if (nvml.nvmlDeviceGetName(device, name, name.length) == 0) {
        int end = 0;
        while (end < name.length && name[end] != 0) {
          end++;
        }
        names.add(new String(name, 0, end, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return names;
  }

  /** @return why NVML cannot be used, or null when it can */
  public String unavailable() {
    return unavailable;
  }

  /**
   * @param sampled whether {@link #sample} ran over the interval (the power paths need it)
   * @return one reading per GPU since {@link #restart}: the energy counter, else integrated power,
   *     else power limit x utilization (estimated), else null with the reason
   */
  public List<EnergyReading> readings(boolean sampled) {
    List<EnergyReading> out = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      String component = "gpu" + i;
      long now = energy(i);
      if (now >= 0 && first[i] >= 0) {
        out.add(new EnergyReading(component, (now - first[i]) / 3.6e9, Provenance.measured, "nvml-total-energy", null));
      } else if (sampled && !noPower[i]) {
        out.add(new EnergyReading(component, powerJoules[i] / 3.6e6, Provenance.measured, "nvml-power-1hz", null));
      } else if (sampled && !noUtilization[i]) {
        out.add(new EnergyReading(
            component, limitJoules[i] / 3.6e6, Provenance.estimated, "nvml-power-limit-x-utilization", null));
      } else {
        out.add(new EnergyReading(component, null, Provenance.measured, "nvml",
            sampled ? "this GPU reports neither an energy counter, power nor utilization"
                : "this GPU has no total-energy counter (pre-Volta) and the interval was not sampled"));
      }
    }
    return out;
  }

  private long energy(int device) {
    LongByReference mj = new LongByReference();
    return nvml.nvmlDeviceGetTotalEnergyConsumption(devices.get(device), mj) == 0 ? mj.getValue() : -1;
  }
}
