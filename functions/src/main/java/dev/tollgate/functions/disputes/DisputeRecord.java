package dev.tollgate.functions.disputes;

import dev.tollgate.core.value.Address;
import java.util.Objects;

/**
 * The gateway's record of a channel's dispute: what the chain disputed, where the gateway stands,
 * and the last thing it did or failed to do. {@code version} orders conditional writes.
 */
public record DisputeRecord(
    Address channel,
    long disputedNonce,
    Address disputer,
    long consensusExpiry,
    long defundExpiry,
    DisputeStage stage,
    String lastAction,
    long updatedAt,
    long version) {

  public DisputeRecord {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(disputer, "disputer");
    Objects.requireNonNull(stage, "stage");
    lastAction = lastAction == null ? "" : lastAction;
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1, got " + version);
    }
  }

  /** The record after the gateway's {@code step}, at {@code now}. */
  public DisputeRecord after(DisputeStep step, String action, long now) {
    return new DisputeRecord(
        channel,
        disputedNonce,
        disputer,
        consensusExpiry,
        defundExpiry,
        stage.after(step),
        action,
        now,
        version + 1);
  }

  /** The record with {@code action} noted (a step the chain refused), its stage unchanged. */
  public DisputeRecord noting(String action, long now) {
    return new DisputeRecord(
        channel,
        disputedNonce,
        disputer,
        consensusExpiry,
        defundExpiry,
        stage,
        action,
        now,
        version + 1);
  }

  /** The record after the chain showed a (new or answered) dispute at {@code nonce}. */
  public DisputeRecord disputedAgain(
      long nonce, Address by, long consensusExpiry, long defundExpiry, long now) {
    DisputeStage next = stage.isFinished() ? DisputeStage.OPEN : stage;
    return new DisputeRecord(
        channel,
        nonce,
        by,
        consensusExpiry,
        defundExpiry,
        next,
        "disputed at nonce " + nonce + " by " + by,
        now,
        version + 1);
  }
}
