package dev.tollgate.functions.deposits;

import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import java.util.Optional;

/**
 * Deposit totals the gateway has seen confirmed on chain, per channel and asset. They only move
 * forward: totals read at an older block never replace newer ones.
 */
public interface ConfirmedDeposits {
  Optional<ConfirmedTotals> find(Address channel, Address assetId);

  /**
   * Stores {@code totals} read at {@code block} unless totals from the same or a later block are
   * stored; returns whether it stored them.
   */
  boolean record(Address channel, Address assetId, DepositTotals totals, long block);

  record ConfirmedTotals(DepositTotals totals, long block) {}
}
