package dev.tollgate.functions.paywall;

import dev.tollgate.core.value.Bytes32;
import java.util.Optional;

/** What the paywall records about a payment beyond the channel: the resends the payer used. */
public interface PaymentRecords {
  /**
   * Records that the payment that created {@code transferId} was served for its {@code n}th resend,
   * in one conditional write: false, storing nothing, if {@code n} or a higher one was used before.
   */
  boolean claimResend(Bytes32 transferId, long n);

  /** The channel nonce at which {@code transferId} was resolved, if it was. */
  Optional<Long> resolvedNonce(Bytes32 transferId);
}
