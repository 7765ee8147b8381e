package dev.tollgate.contracts.anvil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Finds the anvil executable that {@code npm ci} installed from the pinned
 * {@code @foundry-rs/anvil} package. The platform binary is preferred over the npm launcher script
 * so that stopping the process by its PID stops the chain itself.
 */
public final class AnvilBinary {
  private AnvilBinary() {}

  public static Path locate(Path repositoryRoot) {
    Path modules = repositoryRoot.resolve("node_modules");
    List<Path> candidates =
        List.of(
            modules.resolve("@foundry-rs/anvil-" + platform() + "/bin/anvil"),
            modules.resolve(".bin/anvil"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "anvil is not installed under "
            + modules
            + " (looked for "
            + candidates
            + "); run `npm ci` in the repository root, or any ./mvnw build that runs tests");
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
