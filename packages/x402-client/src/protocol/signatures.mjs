// secp256k1 signatures over 32-byte digests, 65 bytes r ‖ s ‖ v with v 27/28 and low s. ethers'
// SigningKey signs with RFC 6979 nonces, so the bytes equal channel-core's for the same key.
import { SigningKey, computeAddress, getAddress, recoverAddress } from 'ethers';
import { signature as readSignature } from './values.mjs';

export function signDigest(privateKey, digest) {
  return new SigningKey(privateKey).sign(digest).serialized.toLowerCase();
}

/** The EIP-55 address a signature over `digest` recovers to; throws for a malformed signature. */
export function recoverSigner(digest, signatureHex) {
  return getAddress(recoverAddress(digest, readSignature(signatureHex, 'signature')));
}

export function isSignedBy(digest, signatureHex, signer) {
  try {
    return recoverSigner(digest, signatureHex) === getAddress(signer);
  } catch {
    return false;
  }
}

export function addressOfKey(privateKey) {
  return computeAddress(privateKey);
}
