package robustperf.train.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * Where a run trains, as its launcher decides: the device its arrays live on, and the directory
 * whose git checkout names the commit of the code (recorded in the manifest). A process training
 * on its own uses {@link #here()}; a cluster task trains on the GPU its scheduler assigned, from an
 * executor whose working directory is not the checkout the job was launched from.
 *
 * @param device the device for the run's arrays
 * @param launchDirectory a directory inside the launcher's checkout (or any directory when there is none)
 */
public record RunPlacement(Device device, Path launchDirectory) {
  public RunPlacement {
    if (device == null || launchDirectory == null) {
      throw new IllegalArgumentException("a run placement needs a device and a launch directory");
    }
    launchDirectory = launchDirectory.toAbsolutePath();
  }

  /** @return the engine's default device (the first GPU, else the CPU) and the working directory */
  public static RunPlacement here() {
    return new RunPlacement(Engine.getInstance().defaultDevice(), Path.of(""));
  }
}
