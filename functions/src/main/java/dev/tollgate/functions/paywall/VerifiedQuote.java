package dev.tollgate.functions.paywall;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * A quote whose MAC, expiry, resource and price {@link QuoteBook#verify} has checked, with the
 * preImage that unlocks its hashlock: what the gateway needs to check the create and resolve it.
 *
 * @param amount the quoted price; the create must lock at least this much
 * @param lockExpiry the {@code expiry} the create's hashlock state must carry
 * @param preImage reveals in the resolve; re-derivable from the quote id, so never stored
 */
public record VerifiedQuote(
    String quoteId,
    Uint256 amount,
    long expiresAt,
    Bytes32 lockHash,
    Uint256 lockExpiry,
    Bytes32 preImage) {

  public VerifiedQuote {
    Objects.requireNonNull(quoteId, "quoteId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(lockHash, "lockHash");
    Objects.requireNonNull(lockExpiry, "lockExpiry");
    Objects.requireNonNull(preImage, "preImage");
  }

  /** Leaves the preImage out: logs are no place to reveal it before the resolve does. */
  @Override
  public String toString() {
    return "VerifiedQuote[quoteId="
        + quoteId
        + ", amount="
        + amount
        + ", expiresAt="
        + expiresAt
        + ", lockHash="
        + lockHash
        + ", lockExpiry="
        + lockExpiry
        + "]";
  }
}
