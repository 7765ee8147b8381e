package dev.tollgate.core.merkle;

import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.value.Bytes32;
import java.util.ArrayList;
import java.util.List;

/**
 * The channel's merkle tree of active transfers, as OpenZeppelin's {@code MerkleProof} verifies it:
 * each pair is hashed after sorting its two children, an odd node is carried up unchanged, a single
 * leaf is its own root and no leaves give the zero root. Callers pass leaves already in transfer-id
 * order.
 */
public final class MerkleTree {
  private MerkleTree() {}

  public static Bytes32 root(List<Bytes32> leaves) {
    if (leaves.isEmpty()) {
      return Bytes32.ZERO;
    }
    List<Bytes32> layer = leaves;
    while (layer.size() > 1) {
      layer = parentLayer(layer);
    }
    return layer.get(0);
  }

  /** The sibling hashes from {@code leafIndex} up to the root, for {@code disputeTransfer}. */
  public static List<Bytes32> proof(List<Bytes32> leaves, int leafIndex) {
    if (leafIndex < 0 || leafIndex >= leaves.size()) {
      throw new IllegalArgumentException(
          "leaf index " + leafIndex + " is outside a tree of " + leaves.size() + " leaves");
    }
    List<Bytes32> proof = new ArrayList<>();
    List<Bytes32> layer = leaves;
    int index = leafIndex;
    while (layer.size() > 1) {
      int sibling = index ^ 1;
      if (sibling < layer.size()) {
        proof.add(layer.get(sibling));
      }
      layer = parentLayer(layer);
      index /= 2;
    }
    return List.copyOf(proof);
  }

  /** OpenZeppelin's {@code MerkleProof.verify}. */
  public static boolean verify(List<Bytes32> proof, Bytes32 root, Bytes32 leaf) {
    Bytes32 node = leaf;
    for (Bytes32 sibling : proof) {
      node = hashPair(node, sibling);
    }
    return node.equals(root);
  }

  private static List<Bytes32> parentLayer(List<Bytes32> layer) {
    List<Bytes32> parents = new ArrayList<>((layer.size() + 1) / 2);
    for (int i = 0; i < layer.size(); i += 2) {
      parents.add(i + 1 < layer.size() ? hashPair(layer.get(i), layer.get(i + 1)) : layer.get(i));
    }
    return parents;
  }

  static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
    byte[] input = new byte[64];
    if (a.compareTo(b) <= 0) {
      a.copyTo(input, 0);
      b.copyTo(input, 32);
    } else {
      b.copyTo(input, 0);
      a.copyTo(input, 32);
    }
    return Keccak.hash(input);
  }
}
