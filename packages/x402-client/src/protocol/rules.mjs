// The limits a party enforces beyond the contracts' (channel-core's ChannelRules), and the
// channel a payer starts from. Defaults follow vector: channel timeouts of 24 to 336 hours, a
// transfer timeout of at least 12 hours and never beyond the channel's own.
import { ZERO_BYTES32 } from './values.mjs';

const HOUR = 3600;

/**
 * Rules for a channel whose only transfer definition is HashlockTransfer at
 * `hashlockDefinition`; `overrides` may carry the gateway's advertised channel timeout bounds.
 */
export function defaultRules(hashlockDefinition, overrides = {}) {
  if (!hashlockDefinition) throw new TypeError('defaultRules needs the HashlockTransfer address');
  const rules = {
    hashlockDefinition,
    minChannelTimeoutSeconds: 24 * HOUR,
    maxChannelTimeoutSeconds: 336 * HOUR,
    minTransferTimeoutSeconds: 12 * HOUR,
    maxTransferTimeoutSeconds: 336 * HOUR,
    maxAssets: 16,
    maxActiveTransfers: 256,
    ...overrides,
  };
  if (rules.minChannelTimeoutSeconds <= 0 || rules.maxChannelTimeoutSeconds < rules.minChannelTimeoutSeconds) {
    throw new RangeError(
      `channel timeout bounds are inverted or zero: [${rules.minChannelTimeoutSeconds}, ${rules.maxChannelTimeoutSeconds}]`,
    );
  }
  return Object.freeze(rules);
}

/** A channel both parties agreed to open but not yet set up: nonce 0, nothing in it. */
export function unopenedChannel(channelAddress, alice, bob, networkContext) {
  if (alice === bob) throw new RangeError(`alice and bob must differ, both are ${alice}`);
  return {
    channelAddress,
    alice,
    bob,
    assetIds: [],
    balances: [],
    processedDepositsA: [],
    processedDepositsB: [],
    defundNonces: [],
    timeout: '0',
    nonce: 0,
    merkleRoot: ZERO_BYTES32,
    networkContext,
    activeTransfers: [],
  };
}

/**
 * What the world tells an update's rules: the time in chain seconds (`now`; null skips the
 * hashlock expiry checks, for replaying history signed long ago) and on-chain deposit totals per
 * asset ({alice, bob} decimal strings, keyed by EIP-55 address).
 */
export function chainInputs(now, depositTotals = {}) {
  if (now !== null && !(Number.isSafeInteger(now) && now >= 0)) {
    throw new RangeError(`time must be a non-negative integer of seconds, got ${now}`);
  }
  return { now, depositTotals };
}
