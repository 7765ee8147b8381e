// Update building and applying, both sides played in JavaScript: setup → deposit → create →
// resolve, each checked for nonce + 1, conservation (balances + locked = deposits), signatures
// that recover to the right party, and the refusals channel-core gives for bad updates.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ProtocolError,
  ZERO_BYTES32,
  acceptDoubleSigned,
  applyHistory,
  applyUpdate,
  assetBalance,
  chainInputs,
  channelDigest,
  coreState,
  countersign,
  propose,
  readChannel,
  readUpdate,
  recoverSigner,
  signDigest,
} from '@tollgate/x402-client/protocol';
import {
  CHANNEL_TIMEOUT,
  GATEWAY,
  GATEWAY_KEY,
  NETWORK,
  PAYER,
  PAYER_KEY,
  RULES,
  TOKEN,
  channelFor,
  createParams,
  key,
  lock,
} from './support/parties.mjs';

const NOW = 1_763_700_000;
const DEPOSIT = '10000000';
const PRICE = '1500';

/** The payer proposes, the gateway countersigns, the payer takes the answer in: both views. */
function payerRound(payerView, gatewayView, params, inputs) {
  const proposed = propose(payerView, params, inputs, RULES, PAYER_KEY);
  const answered = countersign(gatewayView, wire(proposed.update), inputs, RULES, GATEWAY_KEY);
  const accepted = acceptDoubleSigned(payerView, wire(answered.update), inputs, RULES);
  return { proposed, answered, accepted };
}

/** Through JSON text and back through the strict reader, as an update crosses HTTP. */
const wire = (update) => readUpdate(JSON.parse(JSON.stringify(update)), 'update');

function assertConserved(channel) {
  const b = assetBalance(channel, TOKEN);
  assert.equal(b.gateway + b.payer + b.locked, b.deposits, `balances + locked = deposits at nonce ${channel.nonce}`);
}

/** Both signatures on `update` recover to their parties over the state `channel` holds. */
function assertSignedByBoth(update, channel) {
  const digest = channelDigest(coreState(channel));
  assert.equal(recoverSigner(digest, update.aliceSignature), GATEWAY);
  assert.equal(recoverSigner(digest, update.bobSignature), PAYER);
}

describe('a payment channel, both parties in JavaScript', () => {
  let payer = channelFor();
  let gateway = channelFor();
  const { preImage, lockHash } = lock('article-42');
  const history = [];

  test('setup: the payer proposes a 48 h channel, the gateway countersigns, nonce 0 → 1', () => {
    const params = { type: 'setup', timeout: CHANNEL_TIMEOUT, networkContext: NETWORK };
    const { proposed, answered, accepted } = payerRound(payer, gateway, params, chainInputs(NOW));
    assert.equal(proposed.update.fromIdentifier, PAYER);
    assert.equal(proposed.update.toIdentifier, GATEWAY);
    assert.equal(proposed.update.aliceSignature, undefined);
    assert.equal(answered.update.bobSignature, proposed.update.bobSignature);
    assert.equal(accepted.channel.nonce, 1);
    assert.equal(accepted.channel.timeout, CHANNEL_TIMEOUT);
    assert.deepEqual(coreState(accepted.channel), coreState(answered.channel));
    assertSignedByBoth(accepted.update, accepted.channel);
    payer = accepted.channel;
    gateway = answered.channel;
    history.push(answered.update);
  });

  test('deposit: totals from the chain, the new asset appended with defundNonce 1, nonce 1 → 2', () => {
    const inputs = chainInputs(NOW, { [TOKEN]: { alice: '0', bob: DEPOSIT } });
    const { answered, accepted } = payerRound(payer, gateway, { type: 'deposit', assetId: TOKEN }, inputs);
    assert.equal(accepted.channel.nonce, 2);
    assert.deepEqual(accepted.channel.assetIds, [TOKEN]);
    assert.deepEqual(accepted.channel.balances[0].amount, ['0', DEPOSIT]);
    assert.deepEqual(accepted.channel.defundNonces, ['1']);
    assert.deepEqual(accepted.update.details, { totalDepositsAlice: '0', totalDepositsBob: DEPOSIT });
    assertSignedByBoth(accepted.update, accepted.channel);
    assertConserved(accepted.channel);
    payer = accepted.channel;
    gateway = answered.channel;
    history.push(answered.update);
  });

  test("create with meta (vector's routing data): carried through the wire, not signed", () => {
    const meta = { routingId: `0x${'ab'.repeat(32)}`, path: [{ recipient: GATEWAY, recipientChainId: 31337 }] };
    const routed = payerRound(payer, gateway, { ...createParams(PRICE, lockHash), meta }, chainInputs(NOW));
    const direct = payerRound(payer, gateway, createParams(PRICE, lockHash), chainInputs(NOW));
    assert.deepEqual(routed.accepted.update.details.meta, meta);
    assert.equal(direct.accepted.update.details.meta, undefined);
    assert.equal(routed.accepted.update.bobSignature, direct.accepted.update.bobSignature);
    assert.equal(routed.accepted.update.aliceSignature, direct.accepted.update.aliceSignature);
    assert.deepEqual(coreState(routed.accepted.channel), coreState(direct.accepted.channel));
    assert.throws(
      () => readUpdate({ ...routed.accepted.update, details: { ...routed.accepted.update.details, meta: [1] } }, 'update'),
      /update\.details\.meta: meta must be a JSON object/,
    );
    assert.throws(
      () => readUpdate({ ...routed.accepted.update, details: { ...routed.accepted.update.details, meta: { note: 'x'.repeat(1100) } } }, 'update'),
      /update\.details\.meta: is 1111 bytes as JSON; at most 1024 are taken/,
    );
  });

  test('create: the price moves from the payer into a hashlock transfer to the gateway, nonce 2 → 3', () => {
    const { answered, accepted } = payerRound(payer, gateway, createParams(PRICE, lockHash), chainInputs(NOW));
    const c = accepted.channel;
    assert.equal(c.nonce, 3);
    assert.deepEqual(c.balances[0].amount, ['0', String(BigInt(DEPOSIT) - BigInt(PRICE))]);
    assert.equal(c.activeTransfers.length, 1);
    assert.equal(c.activeTransfers[0].transferId, accepted.update.details.transferId);
    assert.equal(c.activeTransfers[0].channelNonce, 2);
    assert.notEqual(c.merkleRoot, ZERO_BYTES32);
    assert.equal(assetBalance(c, TOKEN).locked, BigInt(PRICE));
    assertSignedByBoth(accepted.update, c);
    assertConserved(c);
    payer = c;
    gateway = answered.channel;
    history.push(answered.update);
  });

  test("resolve: the gateway reveals the preimage, the payer checks it and the gateway's signature, nonce 3 → 4", () => {
    const transferId = payer.latestUpdate.details.transferId;
    const resolve = propose(gateway, { type: 'resolve', transferId, transferResolver: { preImage } }, chainInputs(NOW), RULES, GATEWAY_KEY);
    assert.equal(resolve.update.bobSignature, undefined);
    const applied = countersign(payer, wire(resolve.update), chainInputs(NOW), RULES, PAYER_KEY);
    const c = applied.channel;
    assert.equal(c.nonce, 4);
    assert.deepEqual(c.balances[0].amount, [PRICE, String(BigInt(DEPOSIT) - BigInt(PRICE))]);
    assert.equal(c.activeTransfers.length, 0);
    assert.equal(c.merkleRoot, ZERO_BYTES32);
    assert.deepEqual(coreState(c), coreState(resolve.channel));
    assertSignedByBoth(applied.update, c);
    assertConserved(c);
    payer = c;
    gateway = resolve.channel;
    history.push(resolve.update);
  });

  test('history: replaying the recorded updates from nothing gives the same channel', () => {
    const restored = applyHistory(channelFor(), history.map(wire), RULES, { privateKey: PAYER_KEY });
    assert.deepEqual(coreState(restored), coreState(payer));
    assert.deepEqual(restored.activeTransfers, payer.activeTransfers);
    const stored = readChannel(JSON.parse(JSON.stringify(restored)));
    assert.deepEqual(coreState(stored), coreState(payer));
  });

  test('history: an update whose balance was altered on the way is refused', () => {
    const altered = history.map(wire);
    altered[1] = { ...altered[1], balance: { ...altered[1].balance, amount: ['0', '20000000'] } };
    assert.throws(() => applyHistory(channelFor(), altered, RULES), (e) => e.reason === 'update_mismatch' && /balance/.test(e.detail));
  });

  test('a second payment builds on the resolve', () => {
    const second = lock('article-43');
    const { accepted } = payerRound(payer, gateway, createParams(PRICE, second.lockHash), chainInputs(NOW));
    assert.equal(accepted.channel.nonce, 5);
    assertConserved(accepted.channel);
    assert.equal(assetBalance(accepted.channel, TOKEN).payer, BigInt(DEPOSIT) - 2n * BigInt(PRICE));
  });

  describe('refusals', () => {
    const refuses = (reason, fn) => assert.throws(fn, (e) => e instanceof ProtocolError && e.reason === reason);

    test('a create above the balance is insufficient_balance, before anything is signed', () => {
      refuses('insufficient_balance', () => propose(payer, createParams('10000001', lock('x').lockHash), chainInputs(NOW), RULES, PAYER_KEY));
    });

    test('an expired lock is transfer_expired; expiry 0 never expires', () => {
      refuses('transfer_expired', () => propose(payer, createParams(PRICE, lock('x').lockHash, String(NOW)), chainInputs(NOW), RULES, PAYER_KEY));
      assert.equal(propose(payer, createParams(PRICE, lock('x').lockHash, String(NOW + 1)), chainInputs(NOW), RULES, PAYER_KEY).channel.nonce, payer.nonce + 1);
    });

    test('a countersigned create with a changed amount is update_mismatch', () => {
      const proposed = propose(payer, createParams(PRICE, lock('y').lockHash), chainInputs(NOW), RULES, PAYER_KEY);
      const answered = countersign(gateway, proposed.update, chainInputs(NOW), RULES, GATEWAY_KEY);
      const tampered = { ...answered.update, balance: { ...answered.update.balance, amount: ['1500', '9998000'] } };
      refuses('update_mismatch', () => acceptDoubleSigned(payer, tampered, chainInputs(NOW), RULES));
    });

    test("a countersignature by another key is bad_signature", () => {
      const proposed = propose(payer, createParams(PRICE, lock('z').lockHash), chainInputs(NOW), RULES, PAYER_KEY);
      const forged = { ...proposed.update, aliceSignature: signDigest(key('impostor'), proposed.digest) };
      refuses('bad_signature', () => acceptDoubleSigned(payer, forged, chainInputs(NOW), RULES));
    });

    test('an update without the second signature is not taken as double-signed', () => {
      const proposed = propose(payer, createParams(PRICE, lock('w').lockHash), chainInputs(NOW), RULES, PAYER_KEY);
      refuses('bad_signature', () => acceptDoubleSigned(payer, proposed.update, chainInputs(NOW), RULES));
    });

    test('a resolve with the wrong preimage is invalid_resolver; by the payer it is resolver_not_responder', () => {
      const { preImage: other, lockHash: lh } = lock('v');
      const created = payerRound(payer, gateway, createParams(PRICE, lh), chainInputs(NOW));
      const id = created.accepted.update.details.transferId;
      refuses('invalid_resolver', () =>
        propose(created.answered.channel, { type: 'resolve', transferId: id, transferResolver: { preImage: lock('u').preImage } }, chainInputs(NOW), RULES, GATEWAY_KEY),
      );
      refuses('resolver_not_responder', () =>
        propose(created.accepted.channel, { type: 'resolve', transferId: id, transferResolver: { preImage: other } }, chainInputs(NOW), RULES, PAYER_KEY),
      );
    });

    test('an old update is stale_nonce, one from the future skipped_nonce', () => {
      refuses('stale_nonce', () => applyUpdate(payer, history[1], chainInputs(NOW), RULES));
      const ahead = { ...history[3], nonce: payer.nonce + 2 };
      refuses('skipped_nonce', () => applyUpdate(payer, ahead, chainInputs(NOW), RULES));
    });

    test('a deposit with no new on-chain total is no_new_deposit', () => {
      refuses('no_new_deposit', () =>
        propose(payer, { type: 'deposit', assetId: TOKEN }, chainInputs(NOW, { [TOKEN]: { alice: '0', bob: DEPOSIT } }), RULES, PAYER_KEY),
      );
    });

    test('a transfer timeout beyond the channel timeout is transfer_timeout_out_of_range', () => {
      const params = { ...createParams(PRICE, lock('t').lockHash), transferTimeout: '172801' };
      refuses('transfer_timeout_out_of_range', () => propose(payer, params, chainInputs(NOW), RULES, PAYER_KEY));
    });

    test('a setup of 1 hour is channel_timeout_out_of_range', () => {
      refuses('channel_timeout_out_of_range', () =>
        propose(channelFor(), { type: 'setup', timeout: '3600', networkContext: NETWORK }, chainInputs(NOW), RULES, PAYER_KEY),
      );
    });
  });
});

test('signatures are deterministic (RFC 6979): signing a digest twice gives the same bytes', () => {
  const digest = channelDigest(coreState(channelFor()));
  assert.equal(signDigest(PAYER_KEY, digest), signDigest(PAYER_KEY, digest));
  assert.equal(recoverSigner(digest, signDigest(PAYER_KEY, digest)), PAYER);
});

test('the reader refuses malformed JSON and names the field', () => {
  const bad = { channelAddress: '0x1', fromIdentifier: PAYER, toIdentifier: GATEWAY, type: 'deposit', nonce: 1 };
  assert.throws(() => readUpdate(bad, 'update'), /update\.balance: is missing|update\.channelAddress/);
  assert.throws(() => readUpdate({ ...bad, type: 'teleport' }, 'update'), /update\.type: unknown update type/);
  assert.throws(
    () => readUpdate({ type: 'deposit', nonce: 2, channelAddress: PAYER, fromIdentifier: PAYER, toIdentifier: GATEWAY, balance: { amount: ['01', '0'], to: [GATEWAY, PAYER] }, assetId: TOKEN, details: {} }, 'u'),
    /u\.balance\.amount\[0\]: uint256 must be a decimal string without leading zeros/,
  );
});
