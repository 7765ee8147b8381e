// The lock of a payer-locked payment, as the gateway derives it (dev.tollgate.x402.PayerLock):
// preImage = keccak256("tollgate/payer-lock/v1" ‖ lockSalt ‖ keccak256(utf8(resource.url))), and
// the create's lockHash = sha256(abi.encode(preImage)). Binding the URL in means a create signed
// for one resource cannot be settled for another.
import { concat, keccak256, toUtf8Bytes } from 'ethers';
import { hashlockLockHash } from './hashes.mjs';
import { bytes32 } from './values.mjs';

const DOMAIN = toUtf8Bytes('tollgate/payer-lock/v1');

export function payerLockPreImage(lockSalt, resourceUrl) {
  if (typeof resourceUrl !== 'string') throw new TypeError('the resource URL must be a string');
  return keccak256(concat([DOMAIN, bytes32(lockSalt, 'lockSalt'), keccak256(toUtf8Bytes(resourceUrl))]));
}

export function payerLockHash(lockSalt, resourceUrl) {
  return hashlockLockHash(payerLockPreImage(lockSalt, resourceUrl));
}
