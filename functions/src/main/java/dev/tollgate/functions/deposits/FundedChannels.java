package dev.tollgate.functions.deposits;

import dev.tollgate.core.value.Address;

/**
 * The channels that hold money: the only ones the watcher reads logs for. A channel joins once a
 * deposit into it is seen confirmed (by the payer's deposit update or by the processor), and never
 * leaves. An unfunded channel costs the watcher nothing, so opening channels by the thousand cannot
 * slow down the reading of the funded channels' disputes.
 */
public interface FundedChannels {
  /** Records that {@code channel} holds a confirmed deposit; repeating it changes nothing. */
  void funded(Address channel);
}
