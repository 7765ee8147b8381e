// The server scheme alone, as x402's resource server calls it: requirements from the gateway's
// /supported kind, prices in base units, and a payment refused before it reaches the gateway when
// its resource is not the one the request's 402 named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VectorHashlockServer } from '@tollgate/x402-server';

const kind = {
  x402Version: 2,
  scheme: 'vector-hashlock',
  network: 'eip155:31337',
  extra: {
    payTo: '0x1111111111111111111111111111111111111111',
    asset: '0x2222222222222222222222222222222222222222',
    payerLockExtra: {
      lock: 'payer',
      channelFactoryAddress: '0x3333333333333333333333333333333333333333',
      transferRegistryAddress: '0x4444444444444444444444444444444444444444',
      transferDefinition: '0x5555555555555555555555555555555555555555',
      transferTimeout: '86400',
      lockExpiry: '0',
    },
  },
};

test('a requirement takes the gateway payee, token and lock terms, keeping the server’s own keys', async () => {
  const scheme = new VectorHashlockServer();
  const price = await scheme.parsePrice('1500', kind.network);
  const enhanced = await scheme.enhancePaymentRequirements(
    { scheme: 'vector-hashlock', network: kind.network, payTo: 'gateway', maxTimeoutSeconds: 60, extra: { paymentFlow: 'upfront' }, ...price },
    kind,
    [],
  );
  assert.equal(enhanced.amount, '1500');
  assert.equal(enhanced.asset, kind.extra.asset);
  assert.equal(enhanced.payTo, kind.extra.payTo);
  assert.deepEqual(enhanced.extra, { paymentFlow: 'upfront', ...kind.extra.payerLockExtra });
});

test('prices are positive whole base units; anything else is refused by name', async () => {
  const scheme = new VectorHashlockServer();
  assert.deepEqual(await scheme.parsePrice(25, 'eip155:1'), { amount: '25', asset: '' });
  for (const bad of ['$0.10', '1.5', '0', '-3', '', 1.5, null]) {
    await assert.rejects(scheme.parsePrice(bad, 'eip155:1'), /positive whole number of the gateway token's base units/);
  }
});

test('a facilitator that is not a Tollgate gateway is named at start-up', async () => {
  const scheme = new VectorHashlockServer();
  const bare = { ...kind, extra: { payTo: kind.extra.payTo } };
  assert.match(scheme.validateFacilitatorSupport(kind.network, bare), /no payerLockExtra/);
  assert.equal(scheme.validateFacilitatorSupport(kind.network, kind), undefined);
  await assert.rejects(scheme.enhancePaymentRequirements({ amount: '1', asset: '' }, bare, []), /is it a Tollgate gateway/);
  await assert.rejects(
    scheme.enhancePaymentRequirements({ amount: '1', asset: '0x9999999999999999999999999999999999999999' }, kind, []),
    /is not the gateway's token/,
  );
});

test('a payment for another resource than the request’s is aborted before settling', async () => {
  const scheme = new VectorHashlockServer();
  const adapter = {};
  const transportContext = { request: { adapter } };
  await scheme.enrichPaymentRequiredResponse({ transportContext, resourceInfo: { url: 'https://site.example/x402/weather' } });
  const requirements = { scheme: 'vector-hashlock' };
  const paid = (url) => ({ requirements, transportContext, paymentPayload: { resource: { url } } });

  assert.equal(await scheme.schemeHooks.onBeforeSettle(paid('https://site.example/x402/weather')), undefined);
  const moved = await scheme.schemeHooks.onBeforeVerify(paid('https://site.example/x402/cheap'));
  assert.equal(moved.abort, true);
  assert.match(moved.message, /^resource_mismatch: the payment is for https:\/\/site.example\/x402\/cheap/);
  const unknown = await scheme.schemeHooks.onBeforeSettle({ ...paid('x'), transportContext: { request: { adapter: {} } } });
  assert.equal(unknown.abort, true);
});

test('only the upfront and authorization flows are offered', () => {
  assert.deepEqual(new VectorHashlockServer().paymentFlows.default, { supported: ['upfront', 'authorization'], default: 'upfront' });
  assert.equal(new VectorHashlockServer({ flow: 'authorization' }).paymentFlows.default.default, 'authorization');
  assert.throws(() => new VectorHashlockServer({ flow: 'escrow' }), /flow must be 'upfront' or 'authorization'/);
});
