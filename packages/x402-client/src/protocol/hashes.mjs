// The hashes the adjudicator recomputes (channel-core's ChannelHashes): any difference here and
// the gateway refuses the signature, or worse, a state signed here could not be enforced.
import { concat, keccak256, sha256, solidityPacked, toUtf8Bytes } from 'ethers';
import {
  encodeChannelState,
  encodeCommitment,
  encodeHashlockState,
  encodeTransferState,
  encodeWithdrawData,
  encodeWord,
  encodeWords,
} from './abi.mjs';

/** The adjudicator's CommitmentType enum. */
export const COMMITMENT_CHANNEL_STATE = 0;
export const COMMITMENT_WITHDRAW_DATA = 1;

// "\x16" is the single byte 0x16, the prefix's own length marker.
const SIGNED_MESSAGE_PREFIX = toUtf8Bytes('\x16Vector Signed Message:\n32');

export function stateHash(state) {
  return keccak256(encodeChannelState(state));
}

export function channelCommitment(state) {
  return keccak256(encodeCommitment(COMMITMENT_CHANNEL_STATE, stateHash(state)));
}

/** What is actually signed: keccak256("\x16Vector Signed Message:\n32" ‖ commitment). */
export function signedDigest(commitment) {
  return keccak256(concat([SIGNED_MESSAGE_PREFIX, commitment]));
}

export function channelDigest(state) {
  return signedDigest(channelCommitment(state));
}

export function transferStateHash(transfer) {
  return keccak256(encodeTransferState(transfer));
}

/**
 * keccak256(abi.encodePacked(definition, channel, timeout, nonceBeforeCreate)): unique per
 * channel because the nonce only grows.
 */
export function transferId(transferDefinition, channelAddress, transferTimeout, channelNonceBeforeCreate) {
  return keccak256(
    solidityPacked(
      ['address', 'address', 'uint256', 'uint256'],
      [transferDefinition, channelAddress, BigInt(transferTimeout), BigInt(channelNonceBeforeCreate)],
    ),
  );
}

export function withdrawDataHash(data) {
  return keccak256(encodeWithdrawData(data));
}

export function withdrawCommitment(data) {
  return keccak256(encodeCommitment(COMMITMENT_WITHDRAW_DATA, withdrawDataHash(data)));
}

/** What a responder signs to let someone else defund a transfer with this resolver. */
export function resolverCommitment(transferIdValue, encodedResolver) {
  return keccak256(encodeWords(transferIdValue, keccak256(encodedResolver)));
}

/** A hashlock's lockHash: sha256(abi.encode(bytes32 preImage)), as HashlockTransfer checks it. */
export function hashlockLockHash(preImage) {
  return sha256(encodeWord(preImage));
}

/** The initialStateHash of a hashlock transfer. */
export function hashlockInitialStateHash(state) {
  return keccak256(encodeHashlockState(state));
}
