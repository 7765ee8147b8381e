// HashlockTransfer's off-chain rules (channel-core's HashlockTransfer): pays the responder when it
// reveals the preimage of lockHash = sha256(abi.encode(preImage)) before expiry; the zero preimage
// cancels and returns the funds to the initiator. Expiry 0 means the lock never expires.
import { fail } from './errors.mjs';
import { hashlockLockHash } from './hashes.mjs';
import { ZERO_BYTES32 } from './values.mjs';

function isExpired(expiry, now) {
  return now !== null && BigInt(expiry) !== 0n && BigInt(expiry) <= BigInt(now);
}

/** Throws the refusal channel-core gives for a hashlock create that may not be made. */
export function checkHashlockCreate(balance, state, now) {
  if (BigInt(balance.amount[0]) === 0n) fail('invalid_transfer_state', 'hashlock amount must be greater than zero');
  if (BigInt(balance.amount[1]) !== 0n) {
    fail('invalid_transfer_state', `hashlock responder balance must start at zero, got ${balance.amount[1]}`);
  }
  if (state.lockHash === ZERO_BYTES32) fail('invalid_transfer_state', 'hashlock lockHash must not be zero');
  if (isExpired(state.expiry, now)) {
    fail('transfer_expired', `hashlock expiry ${state.expiry} is not after now (${now})`);
  }
}

/** The transfer's final balance once resolved with `resolver`. */
export function resolveHashlock(balance, state, resolver, now) {
  if (resolver.preImage === ZERO_BYTES32) return balance;
  if (isExpired(state.expiry, now)) {
    fail('transfer_expired', `hashlock expired at ${state.expiry} (now ${now}); only a cancel resolves it`);
  }
  if (hashlockLockHash(resolver.preImage) !== state.lockHash) {
    fail('invalid_resolver', `preImage does not hash to lockHash ${state.lockHash}`);
  }
  return { amount: ['0', balance.amount[0]], to: balance.to };
}
