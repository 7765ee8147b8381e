package dev.tollgate.core.protocol;

import static dev.tollgate.core.failure.FailureReason.BAD_SIGNATURE;
import static dev.tollgate.core.failure.FailureReason.NOT_A_PARTICIPANT;
import static dev.tollgate.core.failure.FailureReason.SKIPPED_NONCE;
import static dev.tollgate.core.failure.FailureReason.STALE_NONCE;
import static dev.tollgate.core.failure.FailureReason.UPDATE_MISMATCH;
import static dev.tollgate.core.failure.FailureReason.WRONG_CHANNEL;

import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import java.util.Optional;

/**
 * vector's {@code applyUpdate}: validates an update someone else built against this party's channel
 * and returns the channel it leads to, or a rejection. Pure: the chain's view and the time come in
 * as {@link ChainInputs}, nothing is read or written, and the input channel is never modified.
 */
public final class UpdateApplier {
  private UpdateApplier() {}

  /**
   * Accepts an update signed at least by its initiator; a countersignature, if present, must be
   * valid too.
   */
  public static Outcome<Transition> applyUpdate(
      Channel channel, ChannelUpdate update, ChainInputs inputs, ChannelRules rules) {
    if (!update.channelAddress().equals(channel.channelAddress())) {
      return Outcome.fail(
          WRONG_CHANNEL,
          "update is for channel " + update.channelAddress() + ", not " + channel.channelAddress());
    }
    long expected = channel.nonce() + 1;
    if (update.nonce() < expected) {
      return Outcome.fail(
          STALE_NONCE,
          "update nonce " + update.nonce() + " is not newer than the channel's " + channel.nonce());
    }
    if (update.nonce() > expected) {
      return Outcome.fail(
          SKIPPED_NONCE, "update nonce " + update.nonce() + " skips ahead of " + expected);
    }
    Address other =
        update.fromIdentifier().equals(channel.state().alice())
            ? channel.state().bob()
            : channel.state().alice();
    if (!update.toIdentifier().equals(other)) {
      return Outcome.fail(
          NOT_A_PARTICIPANT,
          "update goes from "
              + update.fromIdentifier()
              + " to "
              + update.toIdentifier()
              + ", which is not the channel's other party");
    }

    Outcome<Transition> regenerated =
        UpdateBuilder.build(channel, update.fromIdentifier(), update.params(), inputs, rules);
    if (!regenerated.isOk()) {
      return regenerated;
    }
    Transition mine = regenerated.value();
    Optional<String> difference = UpdateDifference.between(mine.update(), update.unsigned());
    if (difference.isPresent()) {
      return Outcome.fail(UPDATE_MISMATCH, difference.get());
    }

    Bytes32 digest = mine.stateDigest();
    boolean fromAlice = update.fromIdentifier().equals(channel.state().alice());
    Optional<Signature> initiatorSig = fromAlice ? update.aliceSignature() : update.bobSignature();
    Optional<Signature> responderSig = fromAlice ? update.bobSignature() : update.aliceSignature();
    if (initiatorSig.isEmpty()) {
      return Outcome.fail(
          BAD_SIGNATURE, "update is not signed by its initiator " + update.fromIdentifier());
    }
    if (!Secp256k1Signatures.isSignedBy(digest, initiatorSig.get(), update.fromIdentifier())) {
      return Outcome.fail(
          BAD_SIGNATURE,
          "initiator signature does not recover to "
              + update.fromIdentifier()
              + " over state digest "
              + digest);
    }
    if (responderSig.isPresent()
        && !Secp256k1Signatures.isSignedBy(digest, responderSig.get(), update.toIdentifier())) {
      return Outcome.fail(
          BAD_SIGNATURE,
          "countersignature does not recover to " + update.toIdentifier() + " over " + digest);
    }
    return Outcome.ok(mine.withUpdate(update));
  }
}
