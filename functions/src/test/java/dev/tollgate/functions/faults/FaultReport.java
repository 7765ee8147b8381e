package dev.tollgate.functions.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fault tests' table, {@code target/fault-report.md}: one row per fault a test injected and
 * checked, written only once its assertions held, from what the test observed (statuses, attempts
 * counted by the injector). Each test class keeps its rows in {@code target/fault-report/} and the
 * table is rebuilt from all of them when a class ends, so a run of one class leaves the other
 * classes' last rows in place.
 */
final class FaultReport {
  private static final Path PARTS = Path.of("target", "fault-report");
  private static final Path TABLE = Path.of("target", "fault-report.md");

  private final String section;
  private final List<String> rows = new ArrayList<>();

  FaultReport(Class<?> testClass) {
    this.section = testClass.getSimpleName();
  }

  /** One checked fault: what, where, what the payer saw, the retries it took, the outcome. */
  synchronized void row(
      String fault, String injected, String payerSaw, String retries, String outcome) {
    rows.add(
        "| "
            + String.join(
                " | ", cell(fault), cell(injected), cell(payerSaw), cell(retries), cell(outcome))
            + " |");
  }

  /** Stores this class's rows and rebuilds the table; call from {@code @AfterAll}. */
  synchronized void write() {
    try {
      Files.createDirectories(PARTS);
      Files.write(PARTS.resolve(section + ".md"), rows, StandardCharsets.UTF_8);
      List<String> table = new ArrayList<>();
      table.add("# Fault injection: what the payer saw");
      table.add("");
      table.add(
          "Written by the tests in `dev.tollgate.functions.faults` from what they observed; a row"
              + " is written only after its assertions held (no payment lost or counted twice,"
              + " stored state equal to the payer's, balances adding up to the deposits).");
      table.add("");
      table.add("| fault | injected where | the payer saw | retries | outcome |");
      table.add("|---|---|---|---|---|");
      try (Stream<Path> parts = Files.list(PARTS)) {
        for (Path part : parts.sorted().toList()) {
          table.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
        }
      }
      Files.write(TABLE, table, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + TABLE, e);
    }
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
