package dev.tollgate.functions.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's route table as docs/SECURITY.md states it: each route (API Gateway's route key),
 * who may call it, and what a stranger gets. The test reads the document itself, so the table a
 * reader trusts is the one the build checks.
 */
record RouteTable(Map<String, Row> rows) {
  static final String HEADING = "## Routes of the gateway";

  /** One row: {@code expected} is the stranger's status and, for a refusal, its {@code error}. */
  record Row(String routeKey, String callers, int status, String error, boolean knownWeakness) {}

  private static final Pattern ROUTE = Pattern.compile("^`((?:GET|POST) /[^`]*)`$");
  private static final Pattern ANSWER = Pattern.compile("^`(\\d{3})(?: ([a-z_]+))?`");

  static RouteTable fromDocs() {
    return parse(read(securityDocument()));
  }

  static RouteTable parse(List<String> lines) {
    int start = lines.indexOf(HEADING);
    if (start < 0) {
      throw new IllegalStateException("docs/SECURITY.md has no heading '" + HEADING + "'");
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
      String line = lines.get(i).strip();
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.substring(1, line.length() - 1).split("\\|");
      if (cells.length != 3) {
        throw new IllegalStateException("a route row needs three cells: " + line);
      }
      Matcher route = ROUTE.matcher(cells[0].strip());
      Matcher answer = ANSWER.matcher(cells[2].strip());
      if (!route.matches() || !answer.find()) {
        throw new IllegalStateException(
            "a route row is `METHOD /path` | callers | `status error` …: " + line);
      }
      Row row =
          new Row(
              route.group(1),
              cells[1].strip(),
              Integer.parseInt(answer.group(1)),
              answer.group(2),
              cells[2].contains("known weakness"));
      if (rows.put(row.routeKey(), row) != null) {
        throw new IllegalStateException("route listed twice: " + row.routeKey());
      }
    }
    return new RouteTable(Map.copyOf(rows));
  }

  private static Path securityDocument() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs").resolve("SECURITY.md");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no docs/SECURITY.md above " + Path.of("").toAbsolutePath());
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
