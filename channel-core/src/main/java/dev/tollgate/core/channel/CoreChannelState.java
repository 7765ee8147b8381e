package dev.tollgate.core.channel;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.List;
import java.util.Objects;

/**
 * The part of a channel both parties sign, field for field the adjudicator's {@code
 * CoreChannelState}. The per-asset lists are parallel: index i of each belongs to assetIds[i].
 */
public record CoreChannelState(
    Address channelAddress,
    Address alice,
    Address bob,
    List<Address> assetIds,
    List<Balance> balances,
    List<Uint256> processedDepositsA,
    List<Uint256> processedDepositsB,
    List<Uint256> defundNonces,
    Uint256 timeout,
    long nonce,
    Bytes32 merkleRoot) {

  public CoreChannelState {
    Objects.requireNonNull(channelAddress, "channelAddress");
    Objects.requireNonNull(alice, "alice");
    Objects.requireNonNull(bob, "bob");
    assetIds = List.copyOf(assetIds);
    balances = List.copyOf(balances);
    processedDepositsA = List.copyOf(processedDepositsA);
    processedDepositsB = List.copyOf(processedDepositsB);
    defundNonces = List.copyOf(defundNonces);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(merkleRoot, "merkleRoot");
    int n = assetIds.size();
    if (balances.size() != n
        || processedDepositsA.size() != n
        || processedDepositsB.size() != n
        || defundNonces.size() != n) {
      throw new IllegalArgumentException(
          "per-asset lists must all have "
              + n
              + " entries (assetIds), got balances="
              + balances.size()
              + " processedDepositsA="
              + processedDepositsA.size()
              + " processedDepositsB="
              + processedDepositsB.size()
              + " defundNonces="
              + defundNonces.size());
    }
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must not be negative, got " + nonce);
    }
  }

  /** Index of an asset in the per-asset lists, or -1. */
  public int assetIndex(Address assetId) {
    return assetIds.indexOf(assetId);
  }
}
