package dev.tollgate.core.protocol;

import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One party's view of a channel at a nonce: the signed core state, where it lives, the update that
 * produced it, and the transfers in its merkle root (kept in transfer-id order, the leaf order).
 */
public record Channel(
    CoreChannelState state,
    NetworkContext network,
    Optional<ChannelUpdate> latestUpdate,
    SortedMap<Bytes32, ActiveTransfer> activeTransfers) {

  public Channel {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(network, "network");
    latestUpdate = latestUpdate == null ? Optional.empty() : latestUpdate;
    activeTransfers = Collections.unmodifiableSortedMap(new TreeMap<>(activeTransfers));
    for (Map.Entry<Bytes32, ActiveTransfer> e : activeTransfers.entrySet()) {
      if (!e.getKey().equals(e.getValue().transferId())) {
        throw new IllegalArgumentException(
            "active transfer keyed " + e.getKey() + " has id " + e.getValue().transferId());
      }
    }
  }

  /** A channel both parties have agreed to open but not yet set up: nonce 0, nothing in it. */
  public static Channel unopened(
      Address channelAddress, Address alice, Address bob, NetworkContext network) {
    if (alice.equals(bob)) {
      throw new IllegalArgumentException("alice and bob must differ, both are " + alice);
    }
    CoreChannelState empty =
        new CoreChannelState(
            channelAddress,
            alice,
            bob,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Uint256.ZERO,
            0,
            Bytes32.ZERO);
    return new Channel(empty, network, Optional.empty(), new TreeMap<>());
  }

  public long nonce() {
    return state.nonce();
  }

  public Address channelAddress() {
    return state.channelAddress();
  }

  public boolean isSetUp() {
    return state.nonce() > 0;
  }

  public Channel withLatestUpdate(ChannelUpdate update) {
    return new Channel(state, network, Optional.of(update), activeTransfers);
  }
}
