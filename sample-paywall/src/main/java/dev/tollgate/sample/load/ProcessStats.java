package dev.tollgate.sample.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a process on this Linux machine has used, read from {@code /proc} and, for the Java heap,
 * from {@code jcmd}: how the two cores are shared between the stack and its payers, and whether the
 * stack's memory grows under a soak.
 */
final class ProcessStats {
  /** USER_HZ: the unit of {@code /proc/<pid>/stat}'s CPU times on Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private ProcessStats() {}

  /** User plus system CPU time of {@code pid} so far, in seconds; empty if it cannot be read. */
  static Optional<Double> cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name may hold spaces; the fields after it are fixed
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return Optional.of((utime + stime) / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Resident memory of {@code pid}, in MiB. */
  static Optional<Double> residentMib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The Java heap in use in {@code pid}, in MiB; after a full collection when {@code collect}, so
   * that it measures what is live rather than what is not collected yet.
   */
  static Optional<Double> heapUsedMib(long pid, boolean collect) {
    if (collect) {
      jcmd(pid, "GC.run");
    }
    return jcmd(pid, "GC.heap_info")
        .flatMap(
            out -> {
              Matcher m = HEAP_USED.matcher(out);
              return m.find() ? Optional.of(Long.parseLong(m.group(1)) / 1024.0) : Optional.empty();
            });
  }

  /** The one-minute load average of the machine. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static Optional<String> jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p =
          new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
              .redirectErrorStream(true)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
