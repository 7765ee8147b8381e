package dev.tollgate.core.update;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Signature;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a channel, vector's {@code ChannelUpdate}: who proposes it, the nonce it moves the
 * channel to, the resulting balance of the asset it touches, the type-specific details and the
 * signatures each party has put on the resulting state.
 */
public record ChannelUpdate(
    Address channelAddress,
    Address fromIdentifier,
    Address toIdentifier,
    long nonce,
    Balance balance,
    Address assetId,
    UpdateDetails details,
    Optional<Signature> aliceSignature,
    Optional<Signature> bobSignature) {

  public ChannelUpdate {
    Objects.requireNonNull(channelAddress, "channelAddress");
    Objects.requireNonNull(fromIdentifier, "fromIdentifier");
    Objects.requireNonNull(toIdentifier, "toIdentifier");
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(details, "details");
    aliceSignature = aliceSignature == null ? Optional.empty() : aliceSignature;
    bobSignature = bobSignature == null ? Optional.empty() : bobSignature;
    if (nonce < 1) {
      throw new IllegalArgumentException("update nonce must be at least 1, got " + nonce);
    }
  }

  public UpdateType type() {
    return details.type();
  }

  public boolean isDoubleSigned() {
    return aliceSignature.isPresent() && bobSignature.isPresent();
  }

  public ChannelUpdate unsigned() {
    return withSignatures(Optional.empty(), Optional.empty());
  }

  public ChannelUpdate withSignatures(Optional<Signature> alice, Optional<Signature> bob) {
    return new ChannelUpdate(
        channelAddress, fromIdentifier, toIdentifier, nonce, balance, assetId, details, alice, bob);
  }

  /** The initiator's intent, from which the receiver regenerates the whole update. */
  public UpdateParams params() {
    if (details instanceof UpdateDetails.Setup s) {
      return new UpdateParams.Setup(s.timeout(), s.networkContext());
    }
    if (details instanceof UpdateDetails.Deposit) {
      return new UpdateParams.Deposit(assetId);
    }
    if (details instanceof UpdateDetails.Create c) {
      return new UpdateParams.Create(
          assetId,
          c.balance(),
          c.transferDefinition(),
          c.transferTimeout(),
          c.transferInitialState(),
          c.meta());
    }
    UpdateDetails.Resolve r = (UpdateDetails.Resolve) details;
    return new UpdateParams.Resolve(r.transferId(), r.transferResolver());
  }
}
