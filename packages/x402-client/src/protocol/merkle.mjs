// The channel's merkle tree of active transfers, as OpenZeppelin's MerkleProof verifies it (and
// channel-core's MerkleTree builds it): each pair hashed after sorting its two children, an odd
// node carried up unchanged, one leaf is its own root, no leaves give the zero root.
import { concat, keccak256 } from 'ethers';
import { ZERO_BYTES32, compareHex } from './values.mjs';

function hashPair(a, b) {
  return compareHex(a, b) <= 0 ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

/** The root over `leaves` (lowercase bytes32 hex), already in transfer-id order. */
export function merkleRoot(leaves) {
  if (leaves.length === 0) return ZERO_BYTES32;
  let layer = leaves.map((leaf) => leaf.toLowerCase());
  while (layer.length > 1) {
    const parents = [];
    for (let i = 0; i < layer.length; i += 2) {
      parents.push(i + 1 < layer.length ? hashPair(layer[i], layer[i + 1]) : layer[i]);
    }
    layer = parents;
  }
  return layer[0];
}
