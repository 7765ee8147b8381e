package dev.tollgate.client.crash;

import dev.tollgate.client.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's sleeper in a crash test: it records every wait instead of waiting, and runs a step
 * on the first one (the client is then between its first attempt and its first re-send), such as
 * waiting for the dead gateway and starting its successor. So a re-send reaches the gateway the
 * test means it to, with no wall-clock race.
 */
final class ScriptedSleeper implements Sleeper {
  interface Step {
    void run() throws Exception;
  }

  private final List<Duration> sleeps = new ArrayList<>();
  private Step onFirstSleep = () -> {};

  /** Runs {@code step} on the first wait. */
  ScriptedSleeper onFirstSleep(Step step) {
    this.onFirstSleep = step;
    return this;
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    boolean first;
    synchronized (this) {
      sleeps.add(duration);
      first = sleeps.size() == 1;
    }
    if (first) {
      try {
        onFirstSleep.run();
      } catch (InterruptedException | RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("the first sleep's step failed", e);
      }
    }
  }
}
