package dev.tollgate.bench.coldstart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One execution environment from its process start: the first paid request queued before the JVM
 * starts (so the first poll gets it at once), then {@code warm} more paid requests, each queued
 * once the previous answer has been checked (a payment builds on the last one's resolve). Timed
 * from the Runtime API's side: init is process start to the first poll, the first answer is process
 * start to the first posted response, and an invocation lasts from handed out to answered.
 */
final class EnvironmentRun {
  private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);

  private EnvironmentRun() {}

  static Timings run(
      LambdaPackage pkg,
      LocalRuntimeApi api,
      Map<String, String> function,
      PaidLane lane,
      LambdaChild.Launch launch,
      int warm,
      String runId)
      throws Exception {
    api.reset();
    PaidLane.Payment first = lane.next();
    String firstId = runId + "-1";
    api.enqueue(firstId, PaidEvent.json(first.path(), first.header(), firstId));
    LambdaChild child = LambdaChild.start(pkg, api, function, launch);
    try {
      LocalRuntimeApi.Answer answer = api.await(firstId, ANSWER_TIMEOUT, child::checkAlive);
      Optional<Duration> cpu = child.cpu();
      lane.settle(first, answer);
      long init =
          api.firstPollNanos().orElseThrow(() -> new IllegalStateException("no poll recorded"))
              - child.startedNanos();
      long firstAnswered = answer.answeredNanos() - child.startedNanos();
      List<Long> warmNanos = new ArrayList<>();
      for (int i = 2; i <= warm + 1; i++) {
        PaidLane.Payment next = lane.next();
        String id = runId + "-" + i;
        api.enqueue(id, PaidEvent.json(next.path(), next.header(), id));
        LocalRuntimeApi.Answer warmAnswer = api.await(id, ANSWER_TIMEOUT, child::checkAlive);
        lane.settle(next, warmAnswer);
        warmNanos.add(warmAnswer.durationNanos());
      }
      Optional<Long> restore = api.restoreNanos().map(at -> at - child.startedNanos());
      return new Timings(
          init,
          firstAnswered,
          answer.durationNanos(),
          warmNanos,
          api.cpuAtFirstPoll(),
          cpu,
          restore,
          child.log());
    } finally {
      child.stop(STOP_GRACE);
    }
  }

  /**
   * @param initNanos process start to the first {@code /next} poll
   * @param firstAnswerNanos process start to the first paid request's answer
   * @param firstRequestNanos the first paid request alone, handed out to answered
   * @param warmNanos each later paid request, handed out to answered
   * @param cpuAtFirstPoll the process's CPU time (all threads) when its first poll arrived
   * @param cpuToFirstAnswer the process's CPU time (all threads) when the first answer arrived
   * @param restoreNanos process start to {@code /restore/next}, for SnapStart's init only
   * @param log the process's output
   */
  record Timings(
      long initNanos,
      long firstAnswerNanos,
      long firstRequestNanos,
      List<Long> warmNanos,
      Optional<Duration> cpuAtFirstPoll,
      Optional<Duration> cpuToFirstAnswer,
      Optional<Long> restoreNanos,
      Path log) {

    /** The CPU time between the first poll and the first answer: the first request's own. */
    Optional<Duration> cpuOfFirstRequest() {
      return cpuAtFirstPoll.flatMap(
          atPoll -> cpuToFirstAnswer.map(atAnswer -> atAnswer.minus(atPoll)));
    }
  }
}
