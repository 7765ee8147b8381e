package dev.tollgate.core.failure;

import java.util.Objects;

/** A refused update: a reason from the catalogue and a message naming the offending value. */
public record Rejection(FailureReason reason, String detail) {
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  public static Rejection of(FailureReason reason, String detail) {
    return new Rejection(reason, detail);
  }

  @Override
  public String toString() {
    return reason.errorReason() + ": " + detail;
  }
}
