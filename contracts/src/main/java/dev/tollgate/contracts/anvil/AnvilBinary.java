package dev.tollgate.contracts.anvil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the anvil executable: the Linux x64 binary that {@code npm ci} installs from the pinned
 * {@code @foundry-rs/anvil-linux-amd64} package, else the same package for this platform if someone
 * installed it, else an {@code anvil} on the PATH (Foundry's own install). The binary is started
 * directly, never through an npm launcher script, so stopping the process by its PID stops the
 * chain itself.
 */
public final class AnvilBinary {
  private AnvilBinary() {}

  public static Path locate(Path repositoryRoot) {
    Path modules = repositoryRoot.resolve("node_modules");
    List<Path> candidates = new ArrayList<>();
    candidates.add(modules.resolve("@foundry-rs/anvil-" + platform() + "/bin/anvil"));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, "anvil"));
        }
      }
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "anvil not found: looked for "
            + candidates.get(0)
            + " (installed by `npm ci` on Linux x64) and for `anvil` on the PATH. On other"
            + " platforms install Foundry's anvil 1.7.1 and put it on the PATH.");
  }

  /**
   * The repository root: the {@code tollgate.root} system property when the build sets it,
   * otherwise the nearest directory upwards from the working directory with a package-lock.json.
   */
  public static Path repositoryRoot() {
    String configured = System.getProperty("tollgate.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("package-lock.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root: set -Dtollgate.root or run from inside the checkout");
  }

  private static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String osPart = os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
    String archPart = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    return osPart + "-" + archPart;
  }
}
