package dev.tollgate.core.protocol;

import dev.tollgate.core.transfer.TransferRegistry;
import java.util.Objects;

/**
 * The limits a party enforces beyond the contracts'. Defaults follow vector: channel timeouts of 24
 * to 336 hours; a transfer timeout of at least 12 hours and never beyond the channel's, so a
 * disputed transfer can always be settled inside the channel's dispute.
 */
public record ChannelRules(
    TransferRegistry registry,
    long minChannelTimeoutSeconds,
    long maxChannelTimeoutSeconds,
    long minTransferTimeoutSeconds,
    long maxTransferTimeoutSeconds,
    int maxAssets,
    int maxActiveTransfers) {

  public static final long HOUR = 3600;

  public ChannelRules {
    Objects.requireNonNull(registry, "registry");
    if (minChannelTimeoutSeconds <= 0 || maxChannelTimeoutSeconds < minChannelTimeoutSeconds) {
      throw new IllegalArgumentException(
          "channel timeout bounds are inverted or zero: ["
              + minChannelTimeoutSeconds
              + ", "
              + maxChannelTimeoutSeconds
              + "]");
    }
    if (minTransferTimeoutSeconds <= 0 || maxTransferTimeoutSeconds < minTransferTimeoutSeconds) {
      throw new IllegalArgumentException(
          "transfer timeout bounds are inverted or zero: ["
              + minTransferTimeoutSeconds
              + ", "
              + maxTransferTimeoutSeconds
              + "]");
    }
    if (maxAssets < 1 || maxActiveTransfers < 1) {
      throw new IllegalArgumentException(
          "maxAssets and maxActiveTransfers must be positive, got "
              + maxAssets
              + " and "
              + maxActiveTransfers);
    }
  }

  /** The default bounds on a transfer's timeout: 12 hours to 14 days. */
  public static final long DEFAULT_MIN_TRANSFER_TIMEOUT_SECONDS = 12 * HOUR;

  public static final long DEFAULT_MAX_TRANSFER_TIMEOUT_SECONDS = 336 * HOUR;

  public static ChannelRules defaults(TransferRegistry registry) {
    return new ChannelRules(
        registry,
        24 * HOUR,
        336 * HOUR,
        DEFAULT_MIN_TRANSFER_TIMEOUT_SECONDS,
        DEFAULT_MAX_TRANSFER_TIMEOUT_SECONDS,
        16,
        256);
  }
}
