package dev.tollgate.functions.disputes;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.port.AdjudicatorReader.OnChainTransferDispute;
import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Gathers a {@link DisputeView} from the gateway's store and the adjudicator. */
final class DisputeViews {
  /** Updates read per query while looking for the gateway's resolves. */
  static final int PAGE = RecordedStates.PAGE;

  private final ChannelStore store;
  private final AdjudicatorReader chain;
  private final Address gateway;
  private final RecordedStates states;

  DisputeViews(ChannelStore store, AdjudicatorReader chain, Address gateway) {
    this.store = store;
    this.chain = chain;
    this.gateway = gateway;
    this.states = new RecordedStates(store);
  }

  /**
   * Reads views of {@code stored}'s dispute, each from the chain afresh. The recorded state that
   * matches the chain's, and the gateway's resolvers for it, are looked up once per disputed state:
   * they do not change while the gateway follows the chain.
   */
  Reader reader(StoredChannel stored) {
    return new Reader(stored);
  }

  final class Reader {
    private final StoredChannel stored;
    private Bytes32 lookedUp;
    private Optional<Channel> disputed = Optional.empty();
    private Map<Bytes32, TransferResolver> resolvers = Map.of();

    private Reader(StoredChannel stored) {
      this.stored = stored;
    }

    DisputeView read() {
      Channel ours = stored.latestDoubleSigned();
      Address channel = ours.channelAddress();
      OnChainDispute onChain = chain.channelDispute(channel);
      if (onChain.exists() && !onChain.channelStateHash().equals(lookedUp)) {
        lookedUp = onChain.channelStateHash();
        disputed = states.find(stored, onChain.nonce(), onChain.channelStateHash());
        resolvers = disputed.map(d -> resolversFor(stored, d)).orElse(Map.of());
      }
      Optional<Channel> current = onChain.exists() ? disputed : Optional.empty();
      Channel basis = current.orElse(ours);
      Map<Bytes32, OnChainTransferDispute> transferDisputes = new HashMap<>();
      if (current.isPresent()) {
        for (ActiveTransfer transfer : basis.activeTransfers().values()) {
          if (OwedTransfers.resolver(gateway, resolvers, transfer) != null) {
            transferDisputes.put(
                transfer.transferId(), chain.transferDispute(channel, transfer.transferId()));
          }
        }
      }
      Map<Address, Uint256> defundNonces = new HashMap<>();
      Map<Address, Uint256> exitable = new HashMap<>();
      for (Address asset : basis.state().assetIds()) {
        defundNonces.put(asset, chain.defundNonce(channel, asset));
        exitable.put(asset, chain.exitable(channel, asset, gateway));
      }
      return new DisputeView(
          gateway,
          ours,
          current,
          current.isPresent() ? resolvers : Map.of(),
          onChain,
          chain.head().timestamp(),
          transferDisputes,
          defundNonces,
          exitable);
    }
  }

  /** Resolvers the gateway signed for transfers of its newest double-signed state. */
  Map<Bytes32, TransferResolver> ownResolvers(StoredChannel stored) {
    return resolversFor(stored, stored.latestDoubleSigned());
  }

  /**
   * Resolvers the gateway signed, in updates after {@code state}, for the transfers it is the
   * responder of in {@code state}: each payment ends in a resolve the payer acknowledges only by
   * signing its next update, so a state's transfers are resolved in the updates above it. Reads
   * stop once every such transfer has its resolver.
   */
  Map<Bytes32, TransferResolver> resolversFor(StoredChannel stored, Channel state) {
    Map<Bytes32, TransferResolver> resolvers = new HashMap<>();
    Set<Bytes32> wanted = new HashSet<>();
    for (ActiveTransfer transfer : state.activeTransfers().values()) {
      if (transfer.core().responder().equals(gateway)) {
        wanted.add(transfer.transferId());
      }
    }
    long after = state.nonce();
    while (!wanted.isEmpty() && after < stored.latest().nonce()) {
      List<ChannelUpdate> page = store.updatesAfter(state.channelAddress(), after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (ChannelUpdate update : page) {
        after = update.nonce();
        if (update.details() instanceof UpdateDetails.Resolve resolve
            && update.fromIdentifier().equals(gateway)
            && wanted.remove(resolve.transferId())) {
          resolvers.put(resolve.transferId(), resolve.transferResolver());
        }
      }
    }
    return resolvers;
  }
}
