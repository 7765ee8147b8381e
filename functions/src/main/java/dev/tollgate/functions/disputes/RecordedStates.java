package dev.tollgate.functions.disputes;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the channel state a dispute put on chain among the states the gateway signed. The chain
 * holds only the state's hash; to defund it, and to prove the transfers under its merkle root, the
 * gateway needs the whole state and those transfers. Every disputable state carries the gateway's
 * signature, so it is one the gateway recorded: its stored latest state, its newest double-signed
 * one, or one rebuilt from its recorded updates.
 *
 * <p>Rebuilding folds the recorded updates without judging them again (they were checked when
 * written, and the rules of that day, time included, may no longer hold); what comes out is trusted
 * only because its hash is the chain's and its transfers hash to its merkle root.
 */
final class RecordedStates {
  /** Updates read per query while rebuilding. */
  static final int PAGE = 256;

  private final ChannelStore store;

  RecordedStates(ChannelStore store) {
    this.store = store;
  }

  /** The recorded state of {@code stored} at {@code nonce} whose hash is {@code stateHash}. */
  Optional<Channel> find(StoredChannel stored, long nonce, Bytes32 stateHash) {
    for (Channel known : List.of(stored.latest(), stored.latestDoubleSigned())) {
      if (known.nonce() == nonce) {
        return matches(known, stateHash) ? Optional.of(known) : Optional.empty();
      }
    }
    if (nonce < 1 || nonce > stored.latest().nonce()) {
      return Optional.empty();
    }
    Channel ours = stored.latestDoubleSigned();
    // Newer than the double-signed state: a few of the gateway's own updates above it. Older (a
    // defence missed): the whole history, a cost paid only when a dispute went unanswered.
    Channel at =
        nonce > ours.nonce()
            ? ours
            : Channel.unopened(
                ours.channelAddress(), ours.state().alice(), ours.state().bob(), ours.network());
    while (at.nonce() < nonce) {
      List<ChannelUpdate> page =
          store.updatesAfter(
              at.channelAddress(), at.nonce(), (int) Math.min(PAGE, nonce - at.nonce()));
      if (page.isEmpty()) {
        return Optional.empty();
      }
      for (ChannelUpdate update : page) {
        if (update.nonce() != at.nonce() + 1) {
          return Optional.empty();
        }
        at = after(at, update);
        if (at.nonce() == nonce) {
          break;
        }
      }
    }
    return matches(at, stateHash) ? Optional.of(at) : Optional.empty();
  }

  private static boolean matches(Channel channel, Bytes32 stateHash) {
    return ChannelHashes.stateHash(channel.state()).equals(stateHash)
        && ActiveTransfer.merkleRoot(channel.activeTransfers())
            .equals(channel.state().merkleRoot());
  }

  /** The channel {@code update} led to from {@code before}, as recorded. */
  static Channel after(Channel before, ChannelUpdate update) {
    CoreChannelState s = before.state();
    TreeMap<Bytes32, ActiveTransfer> active = new TreeMap<>(before.activeTransfers());
    CoreChannelState next;
    if (update.details() instanceof UpdateDetails.Setup setup) {
      next =
          new CoreChannelState(
              s.channelAddress(),
              s.alice(),
              s.bob(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              setup.timeout(),
              update.nonce(),
              Bytes32.ZERO);
      return new Channel(next, setup.networkContext(), Optional.of(update), active);
    }
    List<Address> assets = new ArrayList<>(s.assetIds());
    List<Balance> balances = new ArrayList<>(s.balances());
    List<Uint256> depositsA = new ArrayList<>(s.processedDepositsA());
    List<Uint256> depositsB = new ArrayList<>(s.processedDepositsB());
    List<Uint256> defundNonces = new ArrayList<>(s.defundNonces());
    int index = assets.indexOf(update.assetId());
    Bytes32 root = s.merkleRoot();
    if (update.details() instanceof UpdateDetails.Deposit deposit) {
      if (index < 0) {
        assets.add(update.assetId());
        balances.add(update.balance());
        depositsA.add(deposit.totalDepositsAlice());
        depositsB.add(deposit.totalDepositsBob());
        defundNonces.add(Uint256.ONE);
      } else {
        balances.set(index, update.balance());
        depositsA.set(index, deposit.totalDepositsAlice());
        depositsB.set(index, deposit.totalDepositsBob());
      }
    } else if (index < 0) {
      throw new IllegalStateException(
          "recorded update at nonce "
              + update.nonce()
              + " of "
              + s.channelAddress()
              + " moves asset "
              + update.assetId()
              + ", which the channel does not hold");
    } else if (update.details() instanceof UpdateDetails.Create create) {
      balances.set(index, update.balance());
      CoreTransferState transfer =
          new CoreTransferState(
              s.channelAddress(),
              create.transferId(),
              create.transferDefinition(),
              update.fromIdentifier(),
              update.toIdentifier(),
              update.assetId(),
              create.balance(),
              create.transferTimeout(),
              create.transferInitialState().hash());
      active.put(
          create.transferId(),
          ActiveTransfer.of(transfer, create.transferInitialState(), s.nonce()));
      root = create.merkleRoot();
    } else {
      UpdateDetails.Resolve resolve = (UpdateDetails.Resolve) update.details();
      balances.set(index, update.balance());
      active.remove(resolve.transferId());
      root = resolve.merkleRoot();
    }
    next =
        new CoreChannelState(
            s.channelAddress(),
            s.alice(),
            s.bob(),
            assets,
            balances,
            depositsA,
            depositsB,
            defundNonces,
            s.timeout(),
            update.nonce(),
            root);
    return new Channel(next, before.network(), Optional.of(update), active);
  }
}
