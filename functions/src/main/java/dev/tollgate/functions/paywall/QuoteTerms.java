package dev.tollgate.functions.paywall;

import dev.tollgate.core.value.Address;
import java.util.Objects;

/**
 * What every quote a gateway issues has in common: where and in what it is paid, the contracts the
 * payer's create uses, and the time limits. All of it is bound into each quote's MAC, so changing
 * any term voids the quotes issued under the old ones.
 *
 * @param chainId the EVM chain; the x402 network is {@code eip155:<chainId>}
 * @param payTo the gateway's channel address (alice), which receives every transfer
 * @param asset the token paid in
 * @param hashlockDefinition the HashlockTransfer contract the create must use
 * @param quoteValiditySeconds how long a quote can be paid; x402's {@code maxTimeoutSeconds}
 * @param transferTimeoutSeconds the create's {@code transferTimeout}
 */
public record QuoteTerms(
    long chainId,
    Address payTo,
    Address asset,
    Address channelFactory,
    Address transferRegistry,
    Address hashlockDefinition,
    long quoteValiditySeconds,
    long transferTimeoutSeconds,
    LockExpiryPolicy lockExpiry) {

  public QuoteTerms {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive: " + chainId);
    }
    Objects.requireNonNull(payTo, "payTo");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(channelFactory, "channelFactory");
    Objects.requireNonNull(transferRegistry, "transferRegistry");
    Objects.requireNonNull(hashlockDefinition, "hashlockDefinition");
    Objects.requireNonNull(lockExpiry, "lockExpiry");
    if (payTo.isZero() || channelFactory.isZero() || hashlockDefinition.isZero()) {
      throw new IllegalArgumentException(
          "payTo, channelFactory and hashlockDefinition must not be the zero address");
    }
    if (quoteValiditySeconds <= 0) {
      throw new IllegalArgumentException(
          "quoteValiditySeconds must be positive: " + quoteValiditySeconds);
    }
    if (transferTimeoutSeconds <= 0) {
      throw new IllegalArgumentException(
          "transferTimeoutSeconds must be positive: " + transferTimeoutSeconds);
    }
  }

  /** CAIP-2, as x402 v2 names networks. */
  public String network() {
    return "eip155:" + chainId;
  }
}
