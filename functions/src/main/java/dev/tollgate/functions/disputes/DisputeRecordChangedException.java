package dev.tollgate.functions.disputes;

import java.util.Optional;

/** Another writer saved the channel's dispute record first; carries what it stored. */
public final class DisputeRecordChangedException extends Exception {
  private final transient Optional<DisputeRecord> stored;

  public DisputeRecordChangedException(DisputeRecord attempted, Optional<DisputeRecord> stored) {
    super(
        "dispute record of "
            + attempted.channel()
            + " changed before version "
            + attempted.version()
            + " was written; stored version is "
            + stored.map(r -> Long.toString(r.version())).orElse("none"));
    this.stored = stored;
  }

  public Optional<DisputeRecord> stored() {
    return stored;
  }
}
