package dev.tollgate.client;

import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.io.IOException;
import java.time.Duration;

/**
 * Opening the channel and reconciling the payer's on-chain deposits into it, through the gateway's
 * {@code POST /channels} and {@code POST /channels/{a}/deposits}. Each proposal is built, sent and
 * taken in under the channel's lock; a deposit's wait between polls is not.
 */
final class ChannelLifecycle {
  private final Sleeper sleeper;

  ChannelLifecycle(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  /** Sets the channel up with the gateway; does nothing if it already is. */
  void open(Session s, Duration channelTimeout) throws IOException, InterruptedException {
    s.channel.lock().lock();
    try {
      if (!s.channel.view().isSetUp()) {
        s.catchUp(); // another client of the same key may have opened it
      }
      if (s.channel.view().isSetUp()) {
        return;
      }
      long now = s.clock.nowSeconds();
      ChannelUpdate setup = s.channel.setup(Uint256.of(channelTimeout.toSeconds()), now);
      GatewayApi.Answer a = s.api.open(setup);
      if (!a.isSuccess()) {
        throw a.refused("opening the channel");
      }
      s.channel.accept(a.updates(), ChainInputs.at(now));
    } finally {
      s.channel.lock().unlock();
    }
  }

  /**
   * Has the gateway reconcile {@code amount} of {@code asset} that the caller sent to the channel
   * address on chain, polling while it answers {@code no_new_deposit} until {@code timeout} has
   * passed on the session's clock.
   */
  void deposited(Session s, Address asset, Uint256 amount, Duration timeout, Duration pollEvery)
      throws IOException, InterruptedException {
    if (amount.isZero()) {
      throw new IllegalArgumentException("a deposit amount must be positive, got 0");
    }
    if (timeout.isNegative() || pollEvery.isNegative() || pollEvery.isZero()) {
      throw new IllegalArgumentException(
          "timeout must not be negative and pollEvery must be positive, got "
              + timeout
              + " and "
              + pollEvery);
    }
    Uint256 target;
    s.channel.lock().lock();
    try {
      if (!s.channel.view().isSetUp()) {
        throw new RefusedException(
            "deposit", 402, "channel_not_set_up", "open the channel before depositing into it");
      }
      target = Uint256.of(s.channel.processedDeposits(asset).value().add(amount.value()));
    } finally {
      s.channel.lock().unlock();
    }
    long deadline = s.clock.nowSeconds() + timeout.toSeconds();
    int attempts = 0;
    while (true) {
      attempts++;
      RefusedException refused = reconcileUpTo(s, asset, target);
      if (refused == null) {
        return;
      }
      if (!refused.errorReason().equals("no_new_deposit")) {
        throw refused;
      }
      if (s.clock.nowSeconds() >= deadline) {
        throw new DepositNotCreditedException(
            "the gateway has not credited deposits of "
                + asset
                + " up to "
                + target
                + " into channel "
                + s.channel.address()
                + " after "
                + attempts
                + " attempt(s) over "
                + timeout.toSeconds()
                + "s: "
                + refused.detail());
      }
      sleeper.sleep(pollEvery);
    }
  }

  /**
   * One attempt: {@code null} once the channel holds {@code target}, else the gateway's refusal.
   */
  private RefusedException reconcileUpTo(Session s, Address asset, Uint256 target)
      throws IOException, InterruptedException {
    s.channel.lock().lock();
    try {
      for (int tries = 0; tries < 2; tries++) {
        if (s.channel.processedDeposits(asset).compareTo(target) >= 0) {
          return null; // credited already: an earlier attempt's answer was lost, or a twin did it
        }
        long now = s.clock.nowSeconds();
        DepositTotals totals = new DepositTotals(s.channel.gatewayDeposits(asset), target);
        ChannelUpdate deposit = s.channel.deposit(asset, totals, now);
        GatewayApi.Answer a = s.api.deposit(s.channel.address(), deposit);
        if (a.isSuccess()) {
          s.channel.accept(a.updates(), ChainInputs.at(now).withDeposits(asset, totals));
          return null;
        }
        if (a.status() != 409) {
          return a.refused("deposit");
        }
        s.catchUp();
      }
      return new RefusedException(
          "deposit", 409, "stale_nonce", "the channel kept moving while reconciling the deposit");
    } finally {
      s.channel.lock().unlock();
    }
  }
}
