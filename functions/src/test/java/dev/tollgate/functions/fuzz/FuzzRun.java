package dev.tollgate.functions.fuzz;

import dev.tollgate.functions.harness.StoredTables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Sends a run's cases in a seeded order and judges each answer. Every {@link #CHECKPOINT} cases it
 * compares the gateway's tables with the snapshot taken before the run, so a change is pinned to a
 * window of cases; the first changed window ends the run, since later windows would compare against
 * a baseline already gone.
 */
final class FuzzRun {
  static final int CHECKPOINT = 250;

  private final FuzzGateway gateway;
  private final List<CaseSource> sources;
  private final StoredTables tables;
  private final int checkEvery;

  FuzzRun(FuzzGateway gateway, List<CaseSource> sources, StoredTables tables, int checkEvery) {
    if (checkEvery < 1) {
      throw new IllegalArgumentException("checkEvery must be at least 1, got " + checkEvery);
    }
    this.gateway = gateway;
    this.sources = List.copyOf(sources);
    this.tables = tables;
    this.checkEvery = checkEvery;
  }

  /** One case as sent and judged. */
  record Judged(FuzzCase c, Verdict verdict, String headerPrefix) {}

  /**
   * @param changedAt the window of case numbers after which the tables differed, if they did
   * @param aborted why the run stopped early: a generator found its genuine payment no longer valid
   *     (which means something was paid) or could not build its case
   */
  record Outcome(List<Judged> judged, Optional<String> changedAt, Optional<String> aborted) {}

  Outcome run(long seed, int total) throws Exception {
    Random random = new Random(seed);
    List<CaseSource> schedule = new ArrayList<>();
    for (CaseSource s : sources) {
      for (int i = 0; i < s.family().quota(total); i++) {
        schedule.add(s);
      }
    }
    // Rounding can leave a run short of its total: the remainder goes round the families.
    for (int i = 0; schedule.size() < total; i++) {
      schedule.add(sources.get(i % sources.size()));
    }
    Collections.shuffle(schedule, random);
    StoredTables.Snapshot baseline = tables.snapshot();
    Map<Family, Integer> index = new EnumMap<>(Family.class);
    List<Judged> judged = new ArrayList<>(schedule.size());
    int checkedUpTo = 0;
    for (CaseSource source : schedule) {
      int i = index.merge(source.family(), 1, Integer::sum) - 1;
      FuzzCase c;
      try {
        c = source.next(i, random);
      } catch (RuntimeException e) {
        return new Outcome(
            judged,
            Optional.empty(),
            Optional.of(
                "building case "
                    + (judged.size() + 1)
                    + " ("
                    + source.family().label()
                    + "): "
                    + e));
      }
      Answer answer = gateway.send(c);
      judged.add(new Judged(c, Verdict.judge(c, answer), prefix(c)));
      if (judged.size() % checkEvery == 0 || judged.size() == schedule.size()) {
        if (!tables.snapshot().equals(baseline)) {
          return new Outcome(
              judged,
              Optional.of("cases " + (checkedUpTo + 1) + " to " + judged.size()),
              Optional.empty());
        }
        checkedUpTo = judged.size();
      }
    }
    return new Outcome(judged, Optional.empty(), Optional.empty());
  }

  /** Enough of what was sent to recognise it, never the whole (maybe 64 KiB) header. */
  private static String prefix(FuzzCase c) {
    String all =
        c.raw()
            .map(b -> "raw " + b.length + " bytes")
            .orElseGet(() -> c.headers().size() + " value(s): " + String.join(" | ", c.headers()));
    return all.length() > 160 ? all.substring(0, 160) + "..." : all;
  }
}
