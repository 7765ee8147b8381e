package dev.tollgate.functions.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a fuzz run did, as Markdown: the seed, how many cases per family, every status and reason
 * the gateway answered with (overall and per family), every kind of case, and the failures.
 */
final class FuzzReport {
  private final long seed;
  private final List<FuzzRun.Judged> judged;
  private final Duration took;
  private final String load;
  private final Map<Family, Integer> kindsPerFamily;

  FuzzReport(
      long seed,
      List<FuzzRun.Judged> judged,
      Duration took,
      String load,
      Map<Family, Integer> kindsPerFamily) {
    this.seed = seed;
    this.judged = List.copyOf(judged);
    this.took = took;
    this.load = load;
    this.kindsPerFamily = Map.copyOf(kindsPerFamily);
  }

  Map<Family, Long> casesPerFamily() {
    Map<Family, Long> out = new EnumMap<>(Family.class);
    judged.forEach(j -> out.merge(j.c().family(), 1L, Long::sum));
    return out;
  }

  List<FuzzRun.Judged> failures() {
    return judged.stream().filter(j -> !j.verdict().ok()).toList();
  }

  /** The summary printed to the test's output. */
  String summary() {
    StringBuilder out = new StringBuilder();
    out.append("Payment-header fuzz: seed ")
        .append(seed)
        .append(", ")
        .append(judged.size())
        .append(" cases in ")
        .append(took.toMillis())
        .append(" ms (load ")
        .append(load)
        .append("), ")
        .append(failures().size())
        .append(" failures\n");
    casesPerFamily().forEach((f, n) -> out.append(String.format("  %-28s %6d%n", f.label(), n)));
    out.append("  statuses: ")
        .append(histogram(j -> Integer.toString(j.verdict().status())))
        .append('\n');
    out.append("  reasons:  ").append(histogram(j -> j.verdict().outcome())).append('\n');
    return out.toString();
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Payment-header fuzz report\n\n");
    md.append("- seed: `")
        .append(seed)
        .append("` (rerun: `-Dfuzz.seed=")
        .append(seed)
        .append("`)\n");
    md.append("- cases: ").append(judged.size()).append('\n');
    md.append("- time: ")
        .append(took.toMillis())
        .append(" ms for the cases (load average before: ")
        .append(load)
        .append(")\n");
    md.append("- failures: ").append(failures().size()).append("\n\n");

    md.append(
        "## Cases per family\n\n| family | cases | minimum | kinds | answers (status reason: count) |\n|---|---:|---:|---:|---|\n");
    Map<Family, Long> perFamily = casesPerFamily();
    for (Family f : Family.values()) {
      Map<String, Long> outcomes =
          count(
              judged.stream().filter(j -> j.c().family() == f).toList(),
              j -> j.verdict().outcome());
      md.append("| ")
          .append(f.label())
          .append(" | ")
          .append(perFamily.getOrDefault(f, 0L))
          .append(" | ")
          .append(f.minimum())
          .append(" | ")
          .append(kindsPerFamily.getOrDefault(f, 0))
          .append(" | ")
          .append(inline(outcomes))
          .append(" |\n");
    }
    md.append("\n## Statuses\n\n| status | cases |\n|---|---:|\n");
    count(judged, j -> Integer.toString(j.verdict().status()))
        .forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("\n## Reasons\n\n| status reason | cases |\n|---|---:|\n");
    count(judged, j -> j.verdict().outcome())
        .forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append(
        "\n## Kinds\n\nEach kind of case, with how many were sent and how they were answered.\n\n| family | kind | cases | answers |\n|---|---|---:|---|\n");
    Map<String, List<FuzzRun.Judged>> byKind =
        judged.stream()
            .collect(
                Collectors.groupingBy(
                    j -> j.c().family().label() + "\u0000" + kindHead(j.c().kind()),
                    TreeMap::new,
                    Collectors.toList()));
    byKind.forEach(
        (k, list) -> {
          String[] parts = k.split("\u0000");
          md.append("| ")
              .append(parts[0])
              .append(" | `")
              .append(parts[1])
              .append("` | ")
              .append(list.size())
              .append(" | ")
              .append(inline(count(list, j -> j.verdict().outcome())))
              .append(" |\n");
        });
    if (!failures().isEmpty()) {
      md.append("\n## Failures\n\n");
      failures().stream()
          .limit(100)
          .forEach(
              j ->
                  md.append("- ")
                      .append(j.c().describe())
                      .append(": ")
                      .append(j.verdict().problem().orElse(""))
                      .append(" — sent ")
                      .append(j.headerPrefix())
                      .append('\n'));
    }
    return md.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, markdown());
  }

  /** The kind up to its first ':' (what follows names a field path or value). */
  private static String kindHead(String kind) {
    int colon = kind.indexOf(':');
    return colon < 0 ? kind : kind.substring(0, colon);
  }

  private String histogram(Function<FuzzRun.Judged, String> key) {
    return inline(count(judged, key));
  }

  private static Map<String, Long> count(
      List<FuzzRun.Judged> list, Function<FuzzRun.Judged, String> key) {
    return list.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private static String inline(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey().replace("|", "/") + ": " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
