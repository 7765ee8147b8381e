package dev.tollgate.functions.paywall;

import static dev.tollgate.x402.refusal.PaywallReason.INVALID_QUOTE;
import static dev.tollgate.x402.refusal.PaywallReason.PRICE_BELOW_QUOTE;
import static dev.tollgate.x402.refusal.PaywallReason.QUOTE_EXPIRED;
import static dev.tollgate.x402.refusal.PaywallReason.RESOURCE_MISMATCH;
import static dev.tollgate.x402.refusal.PaywallReason.UNSUPPORTED_SCHEME;

import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PayerLockExtra;
import dev.tollgate.x402.PayerLockedPayment;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.ResourceInfo;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Objects;
import java.util.Optional;

/**
 * Stateless quotes. A quote is a price for one resource, valid until a deadline, whose id carries
 * its own MAC; the hashlock's preImage is {@code HMAC-SHA256(secret, "tollgate/preimage" ‖
 * quoteId)}. So the gateway stores nothing when it answers 402, and any instance holding the secret
 * can verify and resolve the payment that follows.
 *
 * <p>The quote MAC binds the book's terms (scheme, network, asset, payTo, contracts, transfer
 * timeout, lock policy) and the token's claims (expiry, nonce, resource tag, amount); see {@link
 * QuoteKeys} for both HMACs and {@link QuoteToken} for the token.
 *
 * <p>Pure: time comes in as epoch seconds and the nonce from the caller's random source.
 */
public final class QuoteBook {
  public static final int MIN_SECRET_BYTES = QuoteKeys.MIN_SECRET_BYTES;

  private final QuoteKeys keys;
  private final QuoteTerms terms;

  public QuoteBook(byte[] secret, QuoteTerms terms) {
    this.terms = Objects.requireNonNull(terms, "terms");
    this.keys = new QuoteKeys(secret, terms);
  }

  public QuoteTerms terms() {
    return terms;
  }

  /** {@code eip155:<chainId>}. */
  public String network() {
    return terms.network();
  }

  /** {@link #quote(ResourceInfo, Uint256, QuoteIssuer, long, Bytes32)} for the route table. */
  public PaymentRequirements quote(
      ResourceInfo resource, Uint256 amount, long nowSeconds, Bytes32 nonce) {
    return quote(resource, amount, QuoteIssuer.ROUTES, nowSeconds, nonce);
  }

  /**
   * A requirement to pay {@code amount} for {@code resource}, at {@code issuer}'s price, valid for
   * the terms' quote validity.
   *
   * @param nonce fresh randomness from the caller, so two quotes in the same second differ
   */
  public PaymentRequirements quote(
      ResourceInfo resource, Uint256 amount, QuoteIssuer issuer, long nowSeconds, Bytes32 nonce) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(nonce, "nonce");
    if (amount.isZero()) {
      throw new IllegalArgumentException("a quoted price must be positive (a hashlock needs > 0)");
    }
    if (nowSeconds < 0) {
      throw new IllegalArgumentException("now must not be negative: " + nowSeconds);
    }
    long expiresAt = Math.addExact(nowSeconds, terms.quoteValiditySeconds());
    byte[] claims = QuoteToken.claims(expiresAt, nonce, resource.url(), issuer, amount);
    String quoteId = QuoteToken.encode(claims, keys.mac(claims));
    QuoteExtra extra =
        new QuoteExtra(
            terms.channelFactory(),
            terms.transferRegistry(),
            terms.hashlockDefinition(),
            Uint256.of(terms.transferTimeoutSeconds()),
            HashlockTransfer.lockHash(keys.preImage(quoteId)),
            terms.lockExpiry().expiryFor(expiresAt),
            quoteId,
            expiresAt);
    return new PaymentRequirements(
        PaymentRequirements.SCHEME,
        network(),
        amount,
        terms.asset(),
        terms.payTo(),
        terms.quoteValiditySeconds(),
        extra);
  }

  /** {@link #verify(PaymentRequirements, String, QuoteIssuer, long)} for the route table. */
  public Checked<VerifiedQuote> verify(
      PaymentRequirements accepted, String requestedResourceUrl, long nowSeconds) {
    return verify(accepted, requestedResourceUrl, QuoteIssuer.ROUTES, nowSeconds);
  }

  /**
   * Checks that {@code accepted} is a quote this book issued under its current terms, by {@code
   * issuer}, for {@code requestedResourceUrl} (the URL the gateway quoted for, canonicalised the
   * same way), unexpired at {@code nowSeconds}, at a price no lower than quoted. A quote expires at
   * its {@code expiresAt}: valid while {@code now < expiresAt}, as a hashlock's expiry.
   */
  public Checked<VerifiedQuote> verify(
      PaymentRequirements accepted,
      String requestedResourceUrl,
      QuoteIssuer issuer,
      long nowSeconds) {
    Objects.requireNonNull(accepted, "accepted");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(requestedResourceUrl, "requestedResourceUrl");
    // The terms first: they need no MAC to compare, and name the mistake precisely.
    if (!PaymentRequirements.SCHEME.equals(accepted.scheme())) {
      return refused(
          UNSUPPORTED_SCHEME,
          "scheme '"
              + Hex.abbreviate(accepted.scheme())
              + "' is not "
              + PaymentRequirements.SCHEME);
    }
    Optional<Refusal> payee =
        QuotedLock.checkPayee(terms, "", accepted.network(), accepted.asset(), accepted.payTo());
    if (payee.isPresent()) {
      return Checked.refused(payee.get());
    }
    if (accepted.maxTimeoutSeconds() != terms.quoteValiditySeconds()) {
      return refused(
          INVALID_QUOTE,
          "accepted.maxTimeoutSeconds "
              + accepted.maxTimeoutSeconds()
              + " is not the quoted "
              + terms.quoteValiditySeconds());
    }
    String quoteId = accepted.extra().quoteId();
    Checked<QuoteToken> decoded = QuoteToken.decode(quoteId);
    if (!decoded.isOk()) {
      return Checked.refused(decoded.refusal());
    }
    QuoteToken token = decoded.value();
    if (!token.macEquals(keys.mac(token.claims()))) {
      return refused(
          INVALID_QUOTE,
          "quoteId " + Hex.abbreviate(quoteId) + " was not issued by this gateway under its terms");
    }
    if (nowSeconds >= token.expiresAt) {
      return refused(
          QUOTE_EXPIRED, "quote expired at " + token.expiresAt + " (now " + nowSeconds + ")");
    }
    if (!token.isIssuedBy(issuer)) {
      return refused(
          INVALID_QUOTE,
          "quote was issued by another seller than "
              + issuer
              + (issuer.equals(QuoteIssuer.ROUTES)
                  ? " (a publisher's quote pays only through that publisher's /settle)"
                  : ""));
    }
    if (!token.isFor(requestedResourceUrl)) {
      return refused(
          RESOURCE_MISMATCH,
          "quote was issued for another resource than " + Hex.abbreviate(requestedResourceUrl));
    }
    if (accepted.amount().compareTo(token.amount) < 0) {
      return refused(
          PRICE_BELOW_QUOTE,
          "accepted.amount " + accepted.amount() + " is below the quoted " + token.amount);
    }
    Bytes32 preImage = keys.preImage(quoteId);
    VerifiedQuote quote =
        new VerifiedQuote(
            quoteId,
            token.amount,
            token.expiresAt,
            HashlockTransfer.lockHash(preImage),
            terms.lockExpiry().expiryFor(token.expiresAt),
            preImage);
    return QuotedLock.checkEchoed(terms, accepted.extra(), quote)
        .map(Checked::<VerifiedQuote>refused)
        .orElse(Checked.ok(quote));
  }

  /**
   * The {@code extra} of this gateway's payer-locked requirement, the same for every route and
   * price: a stock x402 server reads it from {@code /supported} and offers it as it is.
   */
  public PayerLockExtra payerLockExtra() {
    return PayerLockCheck.extra(terms);
  }

  /**
   * Checks a payer-locked payment of {@code requestedResourceUrl} at {@code price} against these
   * terms and derives its lock; its create is then checked as a quote's with {@link #checkCreate}.
   */
  public Checked<VerifiedQuote> verifyPayerLock(
      PayerLockedPayment payment, String requestedResourceUrl, Uint256 price) {
    return PayerLockCheck.verify(terms, payment, requestedResourceUrl, price);
  }

  /**
   * Checks that {@code update} is the create that pays {@code quote}: a HashlockTransfer with the
   * quoted lock and transfer timeout, in the quoted asset, locking at least the quoted amount for
   * the gateway. Signatures, nonce and balances are channel-core's to check.
   */
  public Optional<Refusal> checkCreate(VerifiedQuote quote, ChannelUpdate update) {
    return QuotedLock.checkCreate(terms, quote, update);
  }

  private static Checked<VerifiedQuote> refused(PaywallReason reason, String detail) {
    return Checked.refused(reason, detail);
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "QuoteBook[" + terms + "]";
  }
}
