package dev.tollgate.core.protocol;

import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Bytes32;
import java.util.Objects;

/**
 * An accepted update, the channel it leads to, and the digest both parties sign for that channel's
 * state. The digest is computed once, where the state is built, and only this package creates
 * transitions, so it always belongs to {@code next}: verifying and countersigning reuse it instead
 * of encoding and hashing the state again.
 */
public final class Transition {
  private final Channel next;
  private final ChannelUpdate update;
  private final Bytes32 stateDigest;

  private Transition(Channel next, ChannelUpdate update, Bytes32 stateDigest) {
    this.next = Objects.requireNonNull(next, "next");
    this.update = Objects.requireNonNull(update, "update");
    this.stateDigest = stateDigest;
  }

  static Transition of(Channel next, ChannelUpdate update) {
    return new Transition(next, update, ChannelHashes.channelDigest(next.state()));
  }

  /** The same state, recorded with {@code signed}: the update as it now carries signatures. */
  Transition withUpdate(ChannelUpdate signed) {
    return new Transition(next.withLatestUpdate(signed), signed, stateDigest);
  }

  public Channel next() {
    return next;
  }

  public ChannelUpdate update() {
    return update;
  }

  /** {@code keccak256("\x16Vector Signed Message:\n32" ‖ channelCommitment(next.state()))}. */
  public Bytes32 stateDigest() {
    return stateDigest;
  }
}
