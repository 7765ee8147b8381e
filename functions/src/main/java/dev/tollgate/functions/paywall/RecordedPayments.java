package dev.tollgate.functions.paywall;

import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.gateway.Accepted;
import dev.tollgate.functions.gateway.InboundUpdates;
import dev.tollgate.x402.ResendProof;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment the channel already holds, sent again. A payment serves its resource once: the request
 * whose write recorded it. A copy (sent again later, or at the same time and losing the write) is
 * served again only with the payer's {@link ResendProof}, each number once, up to {@code
 * maxResends}; without one it is refused and nothing is stored, so whoever captured the header gets
 * neither the resource nor a signed state.
 *
 * <p>A quote's create the payer sent to the channel route first is in the channel without the
 * gateway's resolve: while its transfer is active the paywall resolves it now with the quote's
 * preimage, and that is the payment's first, served, settlement.
 */
public final class RecordedPayments {
  /** Lost races on the channel before the late resolve gives up; each loss is another's write. */
  private static final int RESOLVE_ATTEMPTS = 3;

  private final InboundUpdates updates;
  private final PaymentRecords records;
  private final int maxResends;

  public RecordedPayments(InboundUpdates updates, PaymentRecords records, int maxResends) {
    this.updates = Objects.requireNonNull(updates, "updates");
    this.records = Objects.requireNonNull(records, "records");
    if (maxResends < 0) {
      throw new IllegalArgumentException("maxResends must not be negative, got " + maxResends);
    }
    this.maxResends = maxResends;
  }

  public int maxResends() {
    return maxResends;
  }

  /**
   * The answer to {@code recorded}, the channel's record of {@code create}: served (the late
   * resolve, or a resend with a fresh proof, which is recorded) or refused by name.
   */
  public Checked<Accepted> settle(
      Accepted recorded, VerifiedQuote quote, Optional<String> resend, long now) {
    ChannelUpdate create = recorded.countersigned();
    if (recorded.gatewayUpdate().isEmpty()) {
      return resolveLate(create, quote, resend, now);
    }
    return resent(recorded, resend);
  }

  private Checked<Accepted> resent(Accepted recorded, Optional<String> resend) {
    return provenResend(recorded, resend).flatMap(proof -> claimed(recorded, proof));
  }

  /** What {@link #settle} would answer, storing nothing: the facilitator's {@code verify}. */
  public Checked<ChannelUpdate> verify(Accepted recorded, Optional<String> resend) {
    ChannelUpdate create = recorded.countersigned();
    if (recorded.gatewayUpdate().isPresent()) {
      return provenResend(recorded, resend).map(proof -> create);
    }
    Bytes32 transferId = transferId(create);
    if (recorded.channel().latest().activeTransfers().containsKey(transferId)) {
      return Checked.ok(create);
    }
    return paidEarlier(create, recorded.channel())
        .<Checked<ChannelUpdate>>map(paid -> provenResend(paid, resend).map(proof -> create))
        .orElseGet(() -> Checked.refused(closed(create)));
  }

  private Checked<ResendProof> provenResend(Accepted recorded, Optional<String> resend) {
    ChannelUpdate create = recorded.countersigned();
    Bytes32 transferId = transferId(create);
    if (resend.isEmpty()) {
      return Checked.refused(
          PaywallReason.PAYMENT_ALREADY_USED,
          "transfer "
              + transferId
              + " already paid for one request; a copy of the payment is served only with the"
              + " payer's "
              + ResendProof.HEADER
              + " proof");
    }
    return ResendProof.parse(resend.get())
        .flatMap(
            proof -> {
              if (proof.n() > maxResends) {
                return Checked.refused(
                    PaywallReason.RESEND_LIMIT_REACHED,
                    "resend "
                        + proof.n()
                        + " of transfer "
                        + transferId
                        + " is beyond the "
                        + maxResends
                        + " resends a payment may have");
              }
              Address payer = recorded.channel().latest().state().bob();
              Optional<Address> signer = proof.signer(create.channelAddress(), transferId);
              if (signer.isEmpty() || !signer.get().equals(payer)) {
                return Checked.refused(
                    PaywallReason.RESEND_NOT_BY_PAYER,
                    "resend proof for transfer "
                        + transferId
                        + " is signed by "
                        + signer.map(Address::toChecksumHex).orElse("no recoverable key")
                        + ", not by the channel's payer "
                        + payer.toChecksumHex());
              }
              return Checked.ok(proof);
            });
  }

  private Checked<Accepted> claimed(Accepted recorded, ResendProof proof) {
    Bytes32 transferId = transferId(recorded.countersigned());
    if (!records.claimResend(transferId, proof.n())) {
      return Checked.refused(
          PaywallReason.RESEND_ALREADY_USED,
          "resend " + proof.n() + " (or a later one) of transfer " + transferId + " was used");
    }
    return Checked.ok(recorded);
  }

  /**
   * Resolves the quote's create the channel holds without the gateway's resolve. Another update may
   * win the channel meanwhile: the transfer is then looked at again.
   */
  private Checked<Accepted> resolveLate(
      ChannelUpdate create, VerifiedQuote quote, Optional<String> resend, long now) {
    Bytes32 transferId = transferId(create);
    Checked<Accepted> last = null;
    for (int attempt = 0; attempt < RESOLVE_ATTEMPTS; attempt++) {
      StoredChannel stored = updates.store().load(create.channelAddress()).orElseThrow();
      if (!stored.latest().activeTransfers().containsKey(transferId)) {
        // Resolved meanwhile: by this paywall (a copy sent at the same time), or closed otherwise.
        return paidEarlier(create, stored)
            .map(paid -> resent(paid, resend))
            .orElseGet(() -> Checked.refused(closed(create)));
      }
      last =
          updates.propose(
              stored,
              new UpdateParams.Resolve(transferId, new HashlockResolver(quote.preImage())),
              ChainInputs.at(now));
      if (last.isOk()) {
        ChannelUpdate resolve = last.value().countersigned();
        return Checked.ok(new Accepted(List.of(create, resolve), last.value().channel(), false));
      }
      if (last.refusal().stored().isEmpty()) {
        return last;
      }
    }
    return last;
  }

  /**
   * The recorded answer of a create the gateway resolved later, in an update of its own: the create
   * and the gateway's resolve revealing the preimage.
   */
  private Optional<Accepted> paidEarlier(ChannelUpdate create, StoredChannel stored) {
    Bytes32 transferId = transferId(create);
    Address gateway = updates.gateway().signer().address();
    return records
        .resolvedNonce(transferId)
        .flatMap(
            nonce ->
                updates.store().updatesAfter(create.channelAddress(), nonce - 1, 1).stream()
                    .findFirst())
        .filter(
            resolve ->
                resolve.details() instanceof UpdateDetails.Resolve r
                    && r.transferId().equals(transferId)
                    && resolve.fromIdentifier().equals(gateway)
                    && r.transferResolver() instanceof HashlockResolver h
                    && !h.isCancel())
        .map(resolve -> new Accepted(List.of(create, resolve), stored, true));
  }

  private static Refusal closed(ChannelUpdate create) {
    return Refusal.of(
        PaywallReason.PAYMENT_TRANSFER_CLOSED,
        "transfer "
            + transferId(create)
            + " was created in channel "
            + create.channelAddress()
            + " without the gateway's resolve and is no longer active");
  }

  static Bytes32 transferId(ChannelUpdate create) {
    return ((UpdateDetails.Create) create.details()).transferId();
  }
}
