package dev.tollgate.functions.faults;

import java.time.Duration;

/** What one attempt of an AWS call suffers (see {@link FaultInjector}). */
public sealed interface Fault permits Fault.StallBefore, Fault.StallAfter, WireError {
  /** Holds the attempt {@code delay} before it is sent: the service never sees it in time. */
  record StallBefore(Duration delay) implements Fault {}

  /**
   * Holds the attempt {@code delay} after the service answered: the work is done, the answer late.
   */
  record StallAfter(Duration delay) implements Fault {}
}
