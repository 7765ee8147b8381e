package dev.tollgate.client;

import java.time.Duration;

/**
 * Waits between a deposit's polls and before a paid request is sent again; a test passes one that
 * moves its own clock instead.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper THREAD = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
