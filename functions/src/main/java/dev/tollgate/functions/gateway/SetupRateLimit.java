package dev.tollgate.functions.gateway;

import dev.tollgate.core.port.Clock;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import java.util.List;
import java.util.Objects;

/**
 * Bounds how fast channels can be opened: one unit of the source's and of the payer's counter per
 * new channel, taken together. Only a setup the gateway is about to store takes a unit, so a
 * stranger's forged setups in a payer's name (refused on the payer's signature) never use up that
 * payer's allowance.
 */
public final class SetupRateLimit {
  private final RateCounters counters;
  private final SetupLimits limits;
  private final Clock clock;

  public SetupRateLimit(RateCounters counters, SetupLimits limits, Clock clock) {
    this.counters = Objects.requireNonNull(counters, "counters");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public SetupLimits limits() {
    return limits;
  }

  /** Takes one setup for {@code payer} from {@code source}, or refuses with rate_limited. */
  public Checked<Boolean> take(Address payer, String source) {
    long now = clock.nowSeconds();
    long window = limits.windowStart(now);
    boolean taken =
        counters.takeAll(
            List.of(
                new RateCounters.Take("setup#source#" + source, limits.perSource()),
                new RateCounters.Take("setup#payer#" + payer.toChecksumHex(), limits.perPayer())),
            window,
            // Kept a window past its end, so a clock slightly behind still finds it.
            window + 2 * limits.windowSeconds());
    if (!taken) {
      return Checked.refused(
          GatewayReason.RATE_LIMITED,
          "too many channel setups from source "
              + source
              + " or for payer "
              + payer
              + " (at most "
              + limits.perSource()
              + " per source and "
              + limits.perPayer()
              + " per payer every "
              + limits.windowSeconds()
              + " s); retry after "
              + limits.secondsLeft(now)
              + " s");
    }
    return Checked.ok(true);
  }

  /** Seconds until the current window ends: the {@code Retry-After} of a refusal. */
  public long retryAfterSeconds() {
    return limits.secondsLeft(clock.nowSeconds());
  }
}
