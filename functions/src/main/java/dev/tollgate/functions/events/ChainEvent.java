package dev.tollgate.functions.events;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.List;

/**
 * A confirmed log that concerns one of the gateway's channels, as the watcher queues it. Every
 * event names its channel, which is its queue's message group, so one channel's events are handled
 * in chain order.
 */
public sealed interface ChainEvent {
  EventOrigin origin();

  Address channel();

  /** The factory deployed a channel whose alice is the gateway. */
  record ChannelCreated(EventOrigin origin, Address channel, Address alice, Address bob)
      implements ChainEvent {}

  /**
   * An ERC20 {@code Transfer} into a channel address: how the payer (bob) deposits. Alice's {@code
   * depositAlice} pulls her tokens in by a transfer too, so her deposit also shows as one of these
   * (from her, or from the factory for {@code createChannelAndDepositAlice}) beside its {@link
   * AliceDeposited}: credit deposits from the channel's totals, not by adding these up.
   */
  record TokenDeposited(
      EventOrigin origin, Address channel, Address assetId, Address from, Uint256 amount)
      implements ChainEvent {}

  /** {@code AliceDeposited}: the gateway's own deposit through the contract. */
  record AliceDeposited(EventOrigin origin, Address channel, Address assetId, Uint256 amount)
      implements ChainEvent {}

  record ChannelDisputed(
      EventOrigin origin,
      Address channel,
      Address disputer,
      CoreChannelState state,
      OnChainDispute dispute)
      implements ChainEvent {}

  record ChannelDefunded(
      EventOrigin origin, Address channel, Address defunder, long nonce, List<Address> assetIds)
      implements ChainEvent {
    public ChannelDefunded {
      assetIds = List.copyOf(assetIds);
    }
  }

  record TransferDisputed(
      EventOrigin origin,
      Address channel,
      Address disputer,
      CoreTransferState transfer,
      long transferDisputeExpiry)
      implements ChainEvent {}

  record TransferDefunded(
      EventOrigin origin, Address channel, Address defunder, Bytes32 transferId, Balance balance)
      implements ChainEvent {}

  record WithdrawalExecuted(
      EventOrigin origin,
      Address channel,
      Bytes32 withdrawDataHash,
      Address assetId,
      Address recipient,
      Uint256 amount)
      implements ChainEvent {}

  record Exited(
      EventOrigin origin,
      Address channel,
      Address assetId,
      Address owner,
      Address recipient,
      Uint256 amount)
      implements ChainEvent {}
}
