package dev.tollgate.functions.paywall;

import static dev.tollgate.x402.refusal.PaywallReason.INVALID_QUOTE;
import static dev.tollgate.x402.refusal.PaywallReason.LOCK_MISMATCH;
import static dev.tollgate.x402.refusal.PaywallReason.NETWORK_MISMATCH;
import static dev.tollgate.x402.refusal.PaywallReason.NOT_A_CREATE;
import static dev.tollgate.x402.refusal.PaywallReason.PRICE_BELOW_QUOTE;
import static dev.tollgate.x402.refusal.PaywallReason.WRONG_ASSET;
import static dev.tollgate.x402.refusal.PaywallReason.WRONG_PAY_TO;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether what the payer sends matches the lock a verified quote implies: the requirement it echoes
 * and, above all, the create update it signs. Only the create moves money; the echo is compared so
 * a confused payer hears about it before it builds a create the gateway would refuse.
 */
final class QuotedLock {
  private QuotedLock() {}

  /**
   * Checks that {@code update} is the create that pays {@code quote}: a HashlockTransfer with the
   * quoted lock and transfer timeout, in the quoted asset, locking at least the quoted amount for
   * the gateway. Signatures, nonce and balances are channel-core's to check.
   */
  static Optional<Refusal> checkCreate(
      QuoteTerms terms, VerifiedQuote quote, ChannelUpdate update) {
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(update, "update");
    if (!(update.details() instanceof UpdateDetails.Create create)) {
      return refusal(
          NOT_A_CREATE,
          "payload is a "
              + update.type().wireName()
              + " update at nonce "
              + update.nonce()
              + "; the payment must be a create");
    }
    if (!create.transferDefinition().equals(terms.hashlockDefinition())) {
      return refusal(
          LOCK_MISMATCH,
          "payload.details.transferDefinition "
              + create.transferDefinition()
              + " is not the HashlockTransfer "
              + terms.hashlockDefinition());
    }
    if (!(create.transferInitialState() instanceof HashlockState lock)) {
      return refusal(LOCK_MISMATCH, "payload.details.transferInitialState is not a hashlock state");
    }
    if (!lock.lockHash().equals(quote.lockHash())) {
      return refusal(
          LOCK_MISMATCH,
          "payload lockHash " + lock.lockHash() + " is not the quoted " + quote.lockHash());
    }
    if (!lock.expiry().equals(quote.lockExpiry())) {
      return refusal(
          LOCK_MISMATCH,
          "payload lock expiry " + lock.expiry() + " is not the quoted " + quote.lockExpiry());
    }
    if (!create.transferTimeout().equals(Uint256.of(terms.transferTimeoutSeconds()))) {
      return refusal(
          LOCK_MISMATCH,
          "payload transferTimeout "
              + create.transferTimeout()
              + " is not the quoted "
              + terms.transferTimeoutSeconds());
    }
    if (!update.assetId().equals(terms.asset())) {
      return refusal(
          WRONG_ASSET, "payload assetId " + update.assetId() + " is not " + terms.asset());
    }
    Balance transfer = create.balance();
    if (!transfer.to1().equals(terms.payTo())) {
      return refusal(
          WRONG_PAY_TO,
          "payload transfer recipient (balance.to[1]) "
              + transfer.to1()
              + " is not the gateway "
              + terms.payTo());
    }
    if (!update.toIdentifier().equals(terms.payTo())) {
      return refusal(
          WRONG_PAY_TO,
          "payload toIdentifier " + update.toIdentifier() + " is not the gateway " + terms.payTo());
    }
    if (transfer.amount0().compareTo(quote.amount()) < 0) {
      return refusal(
          PRICE_BELOW_QUOTE,
          "payload transfer amount (balance.amount[0]) "
              + transfer.amount0()
              + " is below the quoted "
              + quote.amount());
    }
    return Optional.empty();
  }

  /**
   * The payer's copy of the lock must be the one the quote implies, or it would build a create the
   * gateway refuses later; the copy is not trusted, only compared.
   */
  static Optional<Refusal> checkEchoed(QuoteTerms terms, QuoteExtra echoed, VerifiedQuote quote) {
    if (!echoed.lockHash().equals(quote.lockHash())) {
      return refusal(
          LOCK_MISMATCH,
          "accepted.extra.lockHash "
              + echoed.lockHash()
              + " is not the quote's "
              + quote.lockHash());
    }
    if (!echoed.lockExpiry().equals(quote.lockExpiry())) {
      return refusal(
          LOCK_MISMATCH,
          "accepted.extra.lockExpiry "
              + echoed.lockExpiry()
              + " is not the quote's "
              + quote.lockExpiry());
    }
    if (!echoed.transferDefinition().equals(terms.hashlockDefinition())) {
      return refusal(
          LOCK_MISMATCH,
          "accepted.extra.transferDefinition "
              + echoed.transferDefinition()
              + " is not the HashlockTransfer "
              + terms.hashlockDefinition());
    }
    if (!echoed.transferTimeout().equals(Uint256.of(terms.transferTimeoutSeconds()))) {
      return refusal(
          LOCK_MISMATCH,
          "accepted.extra.transferTimeout "
              + echoed.transferTimeout()
              + " is not "
              + terms.transferTimeoutSeconds());
    }
    // x402 has the payer echo the requirement it chose; an echo that differs from what was quoted
    // is refused even where the payment itself would not depend on it.
    if (!echoed.channelFactoryAddress().equals(terms.channelFactory())) {
      return refusal(
          INVALID_QUOTE,
          "accepted.extra.channelFactoryAddress "
              + echoed.channelFactoryAddress()
              + " is not the quoted "
              + terms.channelFactory());
    }
    if (!echoed.transferRegistryAddress().equals(terms.transferRegistry())) {
      return refusal(
          INVALID_QUOTE,
          "accepted.extra.transferRegistryAddress "
              + echoed.transferRegistryAddress()
              + " is not the quoted "
              + terms.transferRegistry());
    }
    if (echoed.quoteExpiresAt() != quote.expiresAt()) {
      return refusal(
          INVALID_QUOTE,
          "accepted.extra.quoteExpiresAt "
              + echoed.quoteExpiresAt()
              + " is not the quoted "
              + quote.expiresAt());
    }
    return Optional.empty();
  }

  /**
   * Whether a requirement pays this gateway where its terms say: network, asset and payee, named
   * with {@code prefix} (the field path the payer sent them under).
   */
  static Optional<Refusal> checkPayee(
      QuoteTerms terms, String prefix, String network, Address asset, Address payTo) {
    if (!terms.network().equals(network)) {
      return refusal(
          NETWORK_MISMATCH,
          prefix + "network '" + Hex.abbreviate(network) + "' is not " + terms.network());
    }
    if (!terms.asset().equals(asset)) {
      return refusal(WRONG_ASSET, prefix + "asset " + asset + " is not " + terms.asset());
    }
    if (!terms.payTo().equals(payTo)) {
      return refusal(WRONG_PAY_TO, prefix + "payTo " + payTo + " is not " + terms.payTo());
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refusal(PaywallReason reason, String detail) {
    return Optional.of(Refusal.of(reason, detail));
  }
}
