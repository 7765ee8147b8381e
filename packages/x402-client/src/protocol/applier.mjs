// vector's applyUpdate (channel-core's UpdateApplier): validates an update someone else built,
// against this party's channel, by regenerating it from its params and requiring the identical
// update, then checking the signatures over the regenerated state. Balances and roots on the wire
// are never trusted, only compared. Pure: nothing is read or written.
import { buildUpdate, paramsOf } from './builder.mjs';
import { fail } from './errors.mjs';
import { unsignedUpdate } from './json.mjs';
import { isSignedBy } from './signatures.mjs';

/** The first path where `actual` differs from `expected`, or null when they are the same. */
export function firstDifference(expected, actual, path = '') {
  if (expected === actual) return null;
  const bothObjects = expected && actual && typeof expected === 'object' && typeof actual === 'object';
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) {
    return { path, expected, actual };
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of keys) {
    const sub = Array.isArray(expected) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const d = firstDifference(expected[key], actual[key], sub);
    if (d) return d;
  }
  return null;
}

const show = (v) => (typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Accepts `update` (signed at least by its initiator; a countersignature, if present, must be
 * valid too) on top of `channel`. Returns {channel, update, digest} with the update as received.
 */
export function applyUpdate(channel, update, inputs, rules) {
  if (update.channelAddress !== channel.channelAddress) {
    fail('wrong_channel', `update is for channel ${update.channelAddress}, not ${channel.channelAddress}`);
  }
  const expected = channel.nonce + 1;
  if (update.nonce < expected) {
    fail('stale_nonce', `update nonce ${update.nonce} is not newer than the channel's ${channel.nonce}`);
  }
  if (update.nonce > expected) fail('skipped_nonce', `update nonce ${update.nonce} skips ahead of ${expected}`);
  const other = update.fromIdentifier === channel.alice ? channel.bob : channel.alice;
  if (update.toIdentifier !== other) {
    fail(
      'not_a_participant',
      `update goes from ${update.fromIdentifier} to ${update.toIdentifier}, which is not the channel's other party`,
    );
  }
  const mine = buildUpdate(channel, update.fromIdentifier, paramsOf(update), inputs, rules);
  const difference = firstDifference(mine.update, unsignedUpdate(update));
  if (difference) {
    fail('update_mismatch', `${difference.path} is ${show(difference.actual)} but the params give ${show(difference.expected)}`);
  }
  const fromAlice = update.fromIdentifier === channel.alice;
  const initiatorSig = fromAlice ? update.aliceSignature : update.bobSignature;
  const responderSig = fromAlice ? update.bobSignature : update.aliceSignature;
  if (!initiatorSig) fail('bad_signature', `update is not signed by its initiator ${update.fromIdentifier}`);
  if (!isSignedBy(mine.digest, initiatorSig, update.fromIdentifier)) {
    fail('bad_signature', `initiator signature does not recover to ${update.fromIdentifier} over state digest ${mine.digest}`);
  }
  if (responderSig && !isSignedBy(mine.digest, responderSig, update.toIdentifier)) {
    fail('bad_signature', `countersignature does not recover to ${update.toIdentifier} over ${mine.digest}`);
  }
  return { channel: { ...mine.channel, latestUpdate: update }, update, digest: mine.digest };
}
