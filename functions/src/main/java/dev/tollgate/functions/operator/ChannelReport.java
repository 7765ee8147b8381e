package dev.tollgate.functions.operator;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.value.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A channel as the operator sees it: the payer, where the channel stands and, per asset, what the
 * gateway (alice) and the payer (bob) hold and what active transfers lock. {@code updatedAt} is
 * epoch milliseconds.
 */
public record ChannelReport(
    Address channel,
    Address payer,
    long nonce,
    long updatedAt,
    boolean disputed,
    List<AssetBalance> balances) {

  public ChannelReport {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(payer, "payer");
    balances = List.copyOf(balances);
  }

  /** One asset's split. Locked funds belong to neither side until their transfer resolves. */
  public record AssetBalance(
      Address asset, BigInteger gateway, BigInteger payer, BigInteger locked) {
    public AssetBalance {
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(gateway, "gateway");
      Objects.requireNonNull(payer, "payer");
      Objects.requireNonNull(locked, "locked");
    }
  }

  /** The report of a listed channel, from its latest stored state. */
  public static ChannelReport of(ListedChannel listed) {
    CoreChannelState state = listed.latest().state();
    List<AssetBalance> balances = new ArrayList<>();
    for (int i = 0; i < state.assetIds().size(); i++) {
      Address asset = state.assetIds().get(i);
      Balance balance = state.balances().get(i);
      BigInteger locked = BigInteger.ZERO;
      for (ActiveTransfer transfer : listed.latest().activeTransfers().values()) {
        if (transfer.core().assetId().equals(asset)) {
          locked = locked.add(transfer.core().balance().total());
        }
      }
      balances.add(
          new AssetBalance(asset, balance.amount0().value(), balance.amount1().value(), locked));
    }
    return new ChannelReport(
        state.channelAddress(),
        state.bob(),
        state.nonce(),
        Math.multiplyExact(listed.updatedAt(), 1000L),
        listed.disputed(),
        balances);
  }
}
