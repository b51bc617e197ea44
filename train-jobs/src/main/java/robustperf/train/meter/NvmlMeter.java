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
 * NVIDIA GPU energy through NVML (libnvidia-ml, loaded with JNA): the total-energy counter
 * (millijoules, Volta and later). Where the library does not load, or a GPU has no counter, its
 * reading is null with the reason; the caller then estimates and says so.
 */
public final class NvmlMeter {
  /** The few NVML calls used. Return codes: 0 is NVML_SUCCESS. */
  interface Nvml extends Library {
    int nvmlInit_v2();

    int nvmlDeviceGetCount_v2(IntByReference count);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);
  }

  private final Nvml nvml;
  private final String unavailable;
  private final List<Pointer> devices = new ArrayList<>();
  private final long[] first;

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
    first = new long[devices.size()];
    for (int i = 0; i < first.length; i++) {
      first[i] = energy(i);
    }
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

  /** @return one measured reading per GPU since {@link #open}, null with a reason where it has no counter */
  public List<EnergyReading> readings() {
    List<EnergyReading> out = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      long now = energy(i);
      out.add(now < 0 || first[i] < 0
          ? new EnergyReading("gpu" + i, null, Provenance.measured, "nvml-total-energy", "this GPU has no total-energy counter (pre-Volta)")
          : new EnergyReading("gpu" + i, (now - first[i]) / 3.6e9, Provenance.measured, "nvml-total-energy", null));
    }
    return out;
  }

  private long energy(int device) {
    LongByReference mj = new LongByReference();
    return nvml.nvmlDeviceGetTotalEnergyConsumption(devices.get(device), mj) == 0 ? mj.getValue() : -1;
  }
}
