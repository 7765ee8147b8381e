// One side of a channel (channel-core's ChannelParty): proposes updates, countersigns the other
// side's, takes in countersigned ones and replays recorded history. It holds no channel: callers
// pass the current one in and store what comes back.
import { applyUpdate } from './applier.mjs';
import { buildUpdate } from './builder.mjs';
import { fail } from './errors.mjs';
import { chainInputs } from './rules.mjs';
import { addressOfKey, signDigest } from './signatures.mjs';

function signed(transition, privateKey) {
  const me = addressOfKey(privateKey);
  const signature = signDigest(privateKey, transition.digest);
  const slot = me === transition.channel.alice ? 'aliceSignature' : 'bobSignature';
  const update = { ...transition.update, [slot]: signature };
  return { ...transition, update, channel: { ...transition.channel, latestUpdate: update } };
}

/** Builds and signs an update; it is pending until the counterparty countersigns it. */
export function propose(channel, params, inputs, rules, privateKey) {
  return signed(buildUpdate(channel, addressOfKey(privateKey), params, inputs, rules), privateKey);
}

/** Validates an inbound update signed by its initiator and adds this party's signature. */
export function countersign(channel, inbound, inputs, rules, privateKey) {
  const me = addressOfKey(privateKey);
  if (inbound.fromIdentifier === me) fail('bad_signature', `update claims to come from this party ${me}`);
  return signed(applyUpdate(channel, inbound, inputs, rules), privateKey);
}

/** Takes in an update both parties signed: the answer to this party's proposal, or history. */
export function acceptDoubleSigned(channel, update, inputs, rules) {
  if (!update.aliceSignature || !update.bobSignature) {
    fail('bad_signature', `update at nonce ${update.nonce} is missing a signature`);
  }
  return applyUpdate(channel, update, inputs, rules);
}

/**
 * Replays recorded updates (oldest first) onto `channel`, skipping those it already has. Every
 * update is regenerated and its signatures checked; a deposit's totals stand in for reading the
 * chain, because both parties signed them. `now` is null by default: a hashlock's expiry is judged
 * when it was signed, which history cannot tell. With `privateKey`, the counterparty's
 * single-signed updates (the gateway's resolves) are countersigned locally, as on payment.
 */
export function applyHistory(channel, updates, rules, { now = null, privateKey = null } = {}) {
  let current = channel;
  for (const update of [...updates].sort((a, b) => a.nonce - b.nonce)) {
    if (update.nonce <= current.nonce) continue;
    const totals =
      update.type === 'deposit'
        ? { [update.assetId]: { alice: update.details.totalDepositsAlice, bob: update.details.totalDepositsBob } }
        : {};
    const inputs = chainInputs(now, totals);
    const both = update.aliceSignature && update.bobSignature;
    const me = privateKey ? addressOfKey(privateKey) : null;
    current =
      !both && me && update.fromIdentifier !== me
        ? countersign(current, update, inputs, rules, privateKey).channel
        : applyUpdate(current, update, inputs, rules).channel;
  }
  return current;
}
