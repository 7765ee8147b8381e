package dev.tollgate.functions.paywall;

import dev.tollgate.core.value.Uint256;

/**
 * How long the hashlock of a quoted payment stays claimable. The gateway resolves at once, so the
 * expiry matters only if it never does: with an expiry the payer's funds come back after it, with
 * none they stay locked until the gateway reveals the preImage (on chain if need be).
 */
public sealed interface LockExpiryPolicy
    permits LockExpiryPolicy.NoExpiry, LockExpiryPolicy.AfterQuoteExpiry {

  /** The lock's {@code expiry} for a quote that expires at {@code quoteExpiresAt}. */
  Uint256 expiryFor(long quoteExpiresAt);

  /** A stable description bound into every quote's MAC, so a policy change voids old quotes. */
  String canonical();

  static LockExpiryPolicy none() {
    return new NoExpiry();
  }

  /**
   * The lock expires {@code graceSeconds} after the quote: a create sent just before the quote
   * expires still holds a lock the gateway has time to resolve.
   */
  static LockExpiryPolicy afterQuoteExpiry(long graceSeconds) {
    return new AfterQuoteExpiry(graceSeconds);
  }

  /** {@code expiry = 0}: HashlockTransfer's "never expires". */
  record NoExpiry() implements LockExpiryPolicy {
    @Override
    public Uint256 expiryFor(long quoteExpiresAt) {
      return Uint256.ZERO;
    }

    @Override
    public String canonical() {
      return "none";
    }
  }

  record AfterQuoteExpiry(long graceSeconds) implements LockExpiryPolicy {
    public AfterQuoteExpiry {
      if (graceSeconds <= 0) {
        throw new IllegalArgumentException(
            "lock expiry grace must be positive, or the lock could expire with the quote: "
                + graceSeconds);
      }
    }

    @Override
    public Uint256 expiryFor(long quoteExpiresAt) {
      return Uint256.of(Math.addExact(quoteExpiresAt, graceSeconds));
    }

    @Override
    public String canonical() {
      return "after-quote-expiry:" + graceSeconds;
    }
  }
}
