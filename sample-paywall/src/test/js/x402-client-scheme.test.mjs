// @tollgate/x402-client's scheme as x402's client drives it, against the in-memory gateway: the
// refusals it makes before anything is signed, one payment at a time per channel, the turn given
// up when an answer never comes, and a stale nonce caught up from the gateway once, not twice.
// The end-to-end run with the stock packages and the real stack is StockX402SdksTest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryStorage, VectorHashlockClient, payerLockHash } from '@tollgate/x402-client';
import { FakeStack, GATEWAY_URL, SITE_URL } from './support/fake-stack.mjs';
import { GATEWAY, HASHLOCK, NETWORK, TOKEN, TRANSFER_TIMEOUT } from './support/parties.mjs';

const RESOURCE = `${SITE_URL}/x402/weather`;

async function fundedClient(stack, options = {}) {
  const client = await VectorHashlockClient.connect({
    gatewayUrl: GATEWAY_URL,
    siteUrl: SITE_URL,
    storage: new MemoryStorage(),
    fetch: stack.fetch,
    clock: stack.clock,
    sleep: async () => {},
    ...options,
  });
  await client.openChannel();
  return client;
}

function payerLocked(amount = '1500') {
  return {
    scheme: 'vector-hashlock',
    network: `eip155:${NETWORK.chainId}`,
    amount,
    asset: TOKEN,
    payTo: GATEWAY,
    maxTimeoutSeconds: 60,
    extra: {
      paymentFlow: 'upfront',
      lock: 'payer',
      channelFactoryAddress: NETWORK.channelFactoryAddress,
      transferRegistryAddress: NETWORK.transferRegistryAddress,
      transferDefinition: HASHLOCK,
      transferTimeout: TRANSFER_TIMEOUT,
      lockExpiry: '0',
    },
  };
}

/** What x402Client does before createPaymentPayload: the hook sees the 402's resource. */
async function named(client, requirements, url = RESOURCE) {
  await client.schemeHooks.onBeforePaymentCreation({ paymentRequired: { resource: { url } }, selectedRequirements: requirements });
  return requirements;
}

const refused = (payload, errorMessage) => ({
  requirements: { scheme: 'vector-hashlock' },
  paymentPayload: { payload },
  settleResponse: { success: false, errorReason: 'invalid_payload', errorMessage },
});

test('a payer-locked create is bound to the 402’s resource with a fresh salt each time', async () => {
  const client = await fundedClient(new FakeStack());
  const requirements = await named(client, payerLocked());

  const first = await client.createPaymentPayload(2, requirements);
  await client.schemeHooks.onPaymentResponse(refused(first.payload, 'refused_for_the_test: no'));
  const second = await client.createPaymentPayload(2, requirements);

  for (const { payload } of [first, second]) {
    assert.equal(payload.update.type, 'create');
    assert.equal(payload.update.details.transferInitialState.lockHash, payerLockHash(payload.lockSalt, RESOURCE));
    assert.equal(payload.update.details.transferInitialState.expiry, '0');
    assert.equal(payload.update.details.balance.amount[0], '1500');
    assert.equal(payload.update.details.transferTimeout, TRANSFER_TIMEOUT);
  }
  assert.notEqual(first.payload.lockSalt, second.payload.lockSalt);
});

test('nothing is signed for a requirement without its resource, above a cap, or for another payee', async () => {
  const client = await fundedClient(new FakeStack(), { maxPrice: '20000000' });
  await assert.rejects(client.createPaymentPayload(2, payerLocked()), /no resource URL for this requirement/);
  await assert.rejects(client.createPaymentPayload(2, await named(client, payerLocked('20000001'))), /above this client's maxPrice 20000000/);
  await assert.rejects(
    client.createPaymentPayload(2, await named(client, payerLocked('100')), { maxAmountPerPayment: '99' }),
    /above the spend cap 99/,
  );
  const elsewhere = { ...payerLocked(), payTo: TOKEN };
  await assert.rejects(client.createPaymentPayload(2, await named(client, elsewhere)), /another gateway/);
  await assert.rejects(client.createPaymentPayload(2, await named(client, payerLocked('15000000'))), /the channel holds/);
  // None of those took the channel's turn: a payment goes ahead at once.
  const ok = await client.createPaymentPayload(2, await named(client, payerLocked()));
  assert.equal(ok.payload.update.nonce, client.payer.channel.nonce + 1);
});

test('one payment at a time: the next create waits for the answer to the one before', async () => {
  const client = await fundedClient(new FakeStack());
  const first = await client.createPaymentPayload(2, await named(client, payerLocked()));
  let secondDone = false;
  const second = client.createPaymentPayload(2, await named(client, payerLocked())).then((r) => {
    secondDone = true;
    return r;
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(secondDone, false);

  await client.schemeHooks.onPaymentResponse(refused(first.payload, 'wrong_asset: no'));
  const next = await second;

  assert.equal(next.payload.update.nonce, first.payload.update.nonce, 'the refused create took nothing');
  assert.deepEqual(client.refusals, [{ reason: 'wrong_asset', message: 'wrong_asset: no' }]);
});

test('a turn whose answer never comes is given up, and the next payment catches up first', async () => {
  const stack = new FakeStack();
  const client = await fundedClient(stack, { turnTimeoutMs: 30 });
  await client.createPaymentPayload(2, await named(client, payerLocked()));
  const readsBefore = stack.requests.filter((r) => r.url.includes('/updates')).length;

  const next = await client.createPaymentPayload(2, await named(client, payerLocked()));

  assert.equal(next.payload.update.type, 'create');
  assert.ok(stack.requests.filter((r) => r.url.includes('/updates')).length > readsBefore, 'caught up from the gateway');
});

test('a stale nonce is caught up from the gateway and paid again once, not twice', async () => {
  const client = await fundedClient(new FakeStack());
  const requirements = await named(client, payerLocked());
  const first = await client.createPaymentPayload(2, requirements);

  const recovered = await client.schemeHooks.onPaymentResponse(refused(first.payload, 'stale_nonce: behind'));
  const again = await client.createPaymentPayload(2, requirements);
  const notTwice = await client.schemeHooks.onPaymentResponse(refused(again.payload, 'stale_nonce: behind'));

  assert.deepEqual(recovered, { recovered: true });
  assert.equal(notTwice, undefined);
  assert.equal(client.refusals.length, 2);
});

test('a hub offer pays price + fee to the hub, with the route in the create’s meta', async () => {
  const client = await fundedClient(new FakeStack());
  const publisher = '0x3333333333333333333333333333333333333333';
  const route = { hub: GATEWAY, hubUrl: GATEWAY_URL, recipient: publisher, routingId: `0x${'ab'.repeat(32)}`, price: '1000', fee: '20' };
  const offer = (overrides) => ({ ...payerLocked('1020'), extra: { ...payerLocked().extra, route: { ...route, ...overrides } } });

  const paid = await client.createPaymentPayload(2, await named(client, offer({})));
  await client.schemeHooks.onPaymentResponse(refused(paid.payload, 'refused_for_the_test: no'));

  assert.equal(paid.payload.update.details.balance.amount[0], '1020');
  assert.equal(paid.payload.update.details.balance.to[1], GATEWAY);
  assert.deepEqual(paid.payload.update.details.meta, {
    routingId: route.routingId,
    path: [{ recipient: publisher, recipientChainId: NETWORK.chainId, recipientAssetId: TOKEN }],
    quote: { amount: '1000', fee: '20' },
  });
  await assert.rejects(client.createPaymentPayload(2, await named(client, offer({ fee: '19' }))), /add up to 1019/);
  await assert.rejects(
    client.createPaymentPayload(2, await named(client, offer({ hub: publisher }))),
    /routes through 0x3333333333333333333333333333333333333333/,
  );
});
