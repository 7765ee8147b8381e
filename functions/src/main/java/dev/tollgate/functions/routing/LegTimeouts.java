package dev.tollgate.functions.routing;

/**
 * The transfer timeouts of a routed payment's two legs. The hub forwards with a shorter timeout
 * than the reader's by {@code marginSeconds}: if the hub goes silent after the publisher resolved,
 * the publisher's keeper takes its transfer on chain with the preimage, and the hub, having seen
 * the preimage by then, still has the margin to claim the reader's transfer before it times out.
 *
 * @param readerSeconds the reader's create's transfer timeout (the paywall's)
 * @param marginSeconds how much earlier the forwarded transfer times out
 */
public record LegTimeouts(long readerSeconds, long marginSeconds) {
  /** Two keeper runs at the default rate, and then some: the least margin a hub may run with. */
  public static final long MIN_MARGIN_SECONDS = 600;

  public LegTimeouts {
    if (marginSeconds < MIN_MARGIN_SECONDS) {
      throw new IllegalArgumentException(
          "tollgate.routing.leg-margin-seconds must be at least "
              + MIN_MARGIN_SECONDS
              + " (the hub's keeper needs time to claim the reader's transfer), got "
              + marginSeconds);
    }
    if (marginSeconds >= readerSeconds) {
      throw new IllegalArgumentException(
          "tollgate.routing.leg-margin-seconds "
              + marginSeconds
              + " must be below the reader's transfer timeout "
              + readerSeconds
              + " (tollgate.paywall.transfer-timeout-seconds)");
    }
  }

  /** The forwarded transfer's timeout. */
  public long forwardSeconds() {
    return readerSeconds - marginSeconds;
  }

  /** Both legs must be transfer timeouts the channel rules allow, or one side would refuse. */
  public void checkWithin(long minTransferTimeout, long maxTransferTimeout) {
    if (forwardSeconds() < minTransferTimeout) {
      throw new IllegalArgumentException(
          "the forwarded transfer timeout "
              + forwardSeconds()
              + " s (tollgate.paywall.transfer-timeout-seconds "
              + readerSeconds
              + " minus tollgate.routing.leg-margin-seconds "
              + marginSeconds
              + ") is below the channels' minimum transfer timeout "
              + minTransferTimeout
              + " s");
    }
    if (readerSeconds > maxTransferTimeout) {
      throw new IllegalArgumentException(
          "tollgate.paywall.transfer-timeout-seconds "
              + readerSeconds
              + " is above the channels' maximum transfer timeout "
              + maxTransferTimeout);
    }
  }
}
