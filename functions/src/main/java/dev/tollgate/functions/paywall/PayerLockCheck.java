package dev.tollgate.functions.paywall;

import static dev.tollgate.x402.refusal.PaywallReason.BELOW_PRICE;
import static dev.tollgate.x402.refusal.PaywallReason.INVALID_PAYMENT_REQUIREMENTS;
import static dev.tollgate.x402.refusal.PaywallReason.LOCK_MISMATCH;
import static dev.tollgate.x402.refusal.PaywallReason.RESOURCE_MISMATCH;

import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PayerLock;
import dev.tollgate.x402.PayerLockExtra;
import dev.tollgate.x402.PayerLockRequirements;
import dev.tollgate.x402.PayerLockedPayment;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a payer-locked payment into the lock the gateway resolves: its requirement must be the one
 * the gateway's terms imply (the static requirement of {@link #extra}), its resource the one being
 * settled, its amount at least the seller's price. The preImage is re-derived from the payload's
 * salt and that resource, so nothing is stored and a create cannot be moved to another resource.
 */
final class PayerLockCheck {
  /** Payer locks do not expire: the create's transfer timeout bounds how long one stays open. */
  static final Uint256 LOCK_EXPIRY = Uint256.ZERO;

  private PayerLockCheck() {}

  /** The {@code extra} every payer-locked requirement of these terms carries. */
  static PayerLockExtra extra(QuoteTerms terms) {
    return new PayerLockExtra(
        terms.channelFactory(),
        terms.transferRegistry(),
        terms.hashlockDefinition(),
        Uint256.of(terms.transferTimeoutSeconds()),
        LOCK_EXPIRY,
        Optional.empty());
  }

  static Checked<VerifiedQuote> verify(
      QuoteTerms terms, PayerLockedPayment payment, String requestedResourceUrl, Uint256 price) {
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(requestedResourceUrl, "requestedResourceUrl");
    Objects.requireNonNull(price, "price");
    PayerLockRequirements accepted = payment.accepted();
    Optional<Refusal> payee =
        QuotedLock.checkPayee(
            terms, "accepted.", accepted.network(), accepted.asset(), accepted.payTo());
    if (payee.isPresent()) {
      return Checked.refused(payee.get());
    }
    Optional<Refusal> extra = differentExtra(terms, accepted.extra());
    if (extra.isPresent()) {
      return Checked.refused(extra.get());
    }
    String url = payment.resourceInfo().url();
    if (!url.equals(requestedResourceUrl)) {
      return refused(
          RESOURCE_MISMATCH,
          "paymentPayload.resource.url "
              + Hex.abbreviate(url)
              + " is not the resource settled, "
              + Hex.abbreviate(requestedResourceUrl));
    }
    if (accepted.amount().compareTo(price) < 0) {
      return refused(
          BELOW_PRICE,
          "accepted.amount " + accepted.amount() + " is below the seller's price " + price);
    }
    Bytes32 preImage = PayerLock.preImage(payment.lockSalt(), url);
    return Checked.ok(
        new VerifiedQuote(
            "payer-lock:" + payment.lockSalt().toHex(),
            accepted.amount(),
            0,
            HashlockTransfer.lockHash(preImage),
            LOCK_EXPIRY,
            preImage));
  }

  /** The first field of {@code echoed} that is not what these terms offer, named. */
  private static Optional<Refusal> differentExtra(QuoteTerms terms, PayerLockExtra echoed) {
    PayerLockExtra offered = extra(terms);
    if (!echoed.transferDefinition().equals(offered.transferDefinition())) {
      return Optional.of(
          Refusal.of(
              LOCK_MISMATCH,
              "accepted.extra.transferDefinition "
                  + echoed.transferDefinition()
                  + " is not the HashlockTransfer "
                  + offered.transferDefinition()));
    }
    if (!echoed.transferTimeout().equals(offered.transferTimeout())) {
      return Optional.of(
          Refusal.of(
              LOCK_MISMATCH,
              "accepted.extra.transferTimeout "
                  + echoed.transferTimeout()
                  + " is not "
                  + offered.transferTimeout()));
    }
    if (!echoed.lockExpiry().equals(offered.lockExpiry())) {
      return Optional.of(
          Refusal.of(
              LOCK_MISMATCH,
              "accepted.extra.lockExpiry "
                  + echoed.lockExpiry()
                  + " is not "
                  + offered.lockExpiry()));
    }
    if (!echoed.channelFactoryAddress().equals(offered.channelFactoryAddress())) {
      return Optional.of(
          Refusal.of(
              INVALID_PAYMENT_REQUIREMENTS,
              "accepted.extra.channelFactoryAddress "
                  + echoed.channelFactoryAddress()
                  + " is not "
                  + offered.channelFactoryAddress()));
    }
    if (!echoed.transferRegistryAddress().equals(offered.transferRegistryAddress())) {
      return Optional.of(
          Refusal.of(
              INVALID_PAYMENT_REQUIREMENTS,
              "accepted.extra.transferRegistryAddress "
                  + echoed.transferRegistryAddress()
                  + " is not "
                  + offered.transferRegistryAddress()));
    }
    return Optional.empty();
  }

  private static Checked<VerifiedQuote> refused(PaywallReason reason, String detail) {
    return Checked.refused(reason, detail);
  }
}
