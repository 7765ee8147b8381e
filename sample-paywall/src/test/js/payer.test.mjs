// The reader's flows against an in-memory gateway and site: open a channel (setup, faucet,
// deposit retried until confirmed), pay a 402, sync and retry on 409, restore from history, and
// the errors a reader must understand. Every answer the payer stores has passed its own checks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Payer } from '@tollgate/x402-client/payer/payer.mjs';
import { MemoryStorage } from '@tollgate/x402-client/payer/store.mjs';
import { PayerErrors } from '@tollgate/x402-client/payer/errors.mjs';
import { assetBalance, coreState, readPaymentSignature, signDigest } from '@tollgate/x402-client/protocol';
import { FAUCET_AMOUNT, FakeStack, GATEWAY_URL, PRICE, SITE_URL } from './support/fake-stack.mjs';
import { GATEWAY, TOKEN, key } from './support/parties.mjs';

const ARTICLE = `${SITE_URL}/articles/first-light/content`;

function clockAt(ms) {
  const clock = () => clock.ms;
  clock.ms = ms;
  return clock;
}

function newPayer(stack, { storage = new MemoryStorage(), clock = stack.clock, sleeps = [] } = {}) {
  return new Payer({
    gatewayUrl: GATEWAY_URL,
    siteUrl: SITE_URL,
    storage,
    fetch: stack.fetch,
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

async function fundedPayer(stack, options) {
  const payer = await newPayer(stack, options).connect();
  await payer.openChannel();
  return payer;
}

function copyOf(storage) {
  const copy = new MemoryStorage();
  for (const [k, v] of storage.items) copy.setItem(k, v);
  return copy;
}

const payerBalance = (payer) => payer.balance().payer;

function assertConserved(channel) {
  const b = assetBalance(channel, TOKEN);
  assert.equal(b.gateway + b.payer + b.locked, b.deposits);
}

describe('opening a channel', () => {
  test('setup, faucet, then the deposit proposed until the gateway has seen it confirmed', async () => {
    const stack = new FakeStack({ confirmAfter: 2 });
    const sleeps = [];
    const statuses = [];
    const payer = await newPayer(stack, { sleeps }).connect();
    assert.equal(payer.hasChannel(), false);
    await payer.openChannel({ onStatus: (s) => statuses.push(s) });

    assert.equal(payer.channel.nonce, 2);
    assert.equal(payerBalance(payer), BigInt(FAUCET_AMOUNT));
    assert.equal(sleeps.length, 2, 'two no_new_deposit answers, two waits');
    assert.ok(statuses.some((s) => /waiting for the deposit to be confirmed/i.test(s)));
    assert.equal(payer.pendingDeposit(), null);
    assert.deepEqual(coreState(payer.channel), coreState(stack.channels.get(payer.channelAddress).channel));
    assert.equal(payer.channel.alice, GATEWAY);
    assert.equal(payer.channel.bob, payer.address);
  });

  test('the key and the channel survive a reload (same storage)', async () => {
    const stack = new FakeStack();
    const storage = new MemoryStorage();
    const first = await fundedPayer(stack, { storage });
    const again = await newPayer(stack, { storage }).connect();
    assert.equal(again.address, first.address);
    assert.equal(again.channel.nonce, 2);
    assert.equal(payerBalance(again), BigInt(FAUCET_AMOUNT));
  });

  test('a deposit that never confirms leaves it pending; the next try picks it up', async () => {
    const stack = new FakeStack({ confirmAfter: 1000 });
    const clock = clockAt(stack.clock());
    const payer = await newPayer(stack, { clock }).connect();
    payer.sleep = async (ms) => {
      clock.ms += ms;
    };
    await assert.rejects(payer.openChannel(), (e) => e.code === PayerErrors.DEPOSIT_NOT_CONFIRMED);
    assert.equal(payer.channel.nonce, 1);
    assert.equal(payer.pendingDeposit().bob, FAUCET_AMOUNT);

    stack.chain.get(payer.channelAddress).attemptsBeforeConfirmed = 0;
    await payer.deposit();
    assert.equal(payerBalance(payer), BigInt(FAUCET_AMOUNT));
    assert.equal(stack.requests.filter((r) => r.url.endsWith('/faucet')).length, 1, 'the faucet is asked once');
  });

  test('a new device with only the key restores the channel from the gateway history', async () => {
    const stack = new FakeStack();
    const storage = new MemoryStorage();
    const payer = await fundedPayer(stack, { storage });
    await payer.pay(ARTICLE, (await payer.fetchContent(ARTICLE)).paymentRequired);
    const keyOnly = new MemoryStorage();
    keyOnly.setItem('tollgate:key', storage.getItem('tollgate:key'));
    const restored = await newPayer(stack, { storage: keyOnly }).connect();
    assert.equal(restored.channel.nonce, 4);
    assert.deepEqual(coreState(restored.channel), coreState(payer.channel));
    assert.equal(payerBalance(restored), BigInt(FAUCET_AMOUNT) - BigInt(PRICE));
  });

  test('a channel the gateway no longer knows (a restarted local stack) is set aside', async () => {
    const stack = new FakeStack();
    const storage = new MemoryStorage();
    const payer = await fundedPayer(stack, { storage });
    const restarted = new FakeStack();
    const again = await newPayer(restarted, { storage }).connect();
    assert.equal(again.hasChannel(), false);
    assert.ok(storage.getItem(`tollgate:orphaned:${payer.channelAddress}`));
  });
});

describe('paying for an article', () => {
  test('402 → create signed → 200 with the countersigned create and the resolve, both checked', async () => {
    const stack = new FakeStack();
    const payer = await fundedPayer(stack);
    const first = await payer.fetchContent(ARTICLE);
    assert.ok(first.paymentRequired);
    assert.equal(first.paymentRequired.requirement.amount, PRICE);

    const paid = await payer.pay(ARTICLE, first.paymentRequired);
    assert.equal(paid.content.paid, true);
    assert.match(paid.content.html, /full text/);
    assert.equal(payer.channel.nonce, 4);
    assert.equal(payerBalance(payer), BigInt(FAUCET_AMOUNT) - BigInt(PRICE));
    assert.equal(payer.balance().gateway, BigInt(PRICE));
    assert.equal(payer.channel.activeTransfers.length, 0);
    assert.equal(paid.transferId, stack.channels.get(payer.channelAddress).updates[2].details.transferId);
    assertConserved(payer.channel);
    assert.deepEqual(coreState(payer.channel), coreState(stack.channels.get(payer.channelAddress).channel));
  });

  test('the PAYMENT-SIGNATURE echoes the requirement as received and carries the signed create', async () => {
    const stack = new FakeStack();
    const payer = await fundedPayer(stack);
    const { paymentRequired } = await payer.fetchContent(ARTICLE);
    await payer.pay(ARTICLE, paymentRequired);
    const sent = stack.requests.find((r) => r.headers.has('PAYMENT-SIGNATURE'));
    const header = sent.headers.get('PAYMENT-SIGNATURE');
    assert.match(header, /^[A-Za-z0-9+/]+={0,2}$/, 'standard, padded base64');
    const decoded = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
    assert.equal(decoded.x402Version, 2);
    assert.deepEqual(decoded.accepted, paymentRequired.requirement.raw);
    assert.deepEqual(decoded.resource, paymentRequired.resource);
    const payload = readPaymentSignature(header).payload;
    assert.equal(payload.type, 'create');
    assert.equal(payload.fromIdentifier, payer.address);
    assert.equal(payload.toIdentifier, GATEWAY);
    assert.deepEqual(payload.balance.amount, ['0', String(BigInt(FAUCET_AMOUNT) - BigInt(PRICE))]);
    assert.deepEqual(payload.details.balance, { amount: [PRICE, '0'], to: [payer.address, GATEWAY] });
    assert.equal(payload.details.transferInitialState.lockHash, paymentRequired.requirement.extra.lockHash);
    assert.ok(payload.bobSignature && !payload.aliceSignature);
  });

  test('ten payments in a row: nonce + 2 each, money conserved', async () => {
    const stack = new FakeStack();
    const payer = await fundedPayer(stack);
    for (let i = 0; i < 10; i++) {
      const { paymentRequired } = await payer.fetchContent(ARTICLE);
      await payer.pay(ARTICLE, paymentRequired);
      assert.equal(payer.channel.nonce, 4 + 2 * i);
      assertConserved(payer.channel);
    }
    assert.equal(payerBalance(payer), BigInt(FAUCET_AMOUNT) - 10n * BigInt(PRICE));
  });

  test('a payer that is behind (another tab paid) gets 409, syncs from history and pays once more', async () => {
    const stack = new FakeStack();
    const storage = new MemoryStorage();
    const tabA = await fundedPayer(stack, { storage });
    const tabB = await newPayer(stack, { storage: copyOf(storage) }).connect();
    await tabB.pay(ARTICLE, (await tabB.fetchContent(ARTICLE)).paymentRequired);

    const { paymentRequired } = await tabA.fetchContent(ARTICLE);
    const paid = await tabA.pay(ARTICLE, paymentRequired);
    assert.equal(paid.content.paid, true);
    assert.equal(stack.paymentsSent(), 3, 'tab B once, tab A twice (stale, then synced)');
    assert.equal(tabA.channel.nonce, 6);
    assert.equal(payerBalance(tabA), BigInt(FAUCET_AMOUNT) - 2n * BigInt(PRICE));
    assertConserved(tabA.channel);
  });
});

describe('errors a reader understands', () => {
  test('insufficient balance is found before anything is signed or sent', async () => {
    const stack = new FakeStack();
    const payer = await fundedPayer(stack);
    stack.price = '10000001';
    const { paymentRequired } = await payer.fetchContent(ARTICLE);
    await assert.rejects(payer.pay(ARTICLE, paymentRequired), (e) => e.code === PayerErrors.INSUFFICIENT_BALANCE);
    assert.equal(stack.paymentsSent(), 0);
    assert.equal(payer.channel.nonce, 2);
  });

  test("an expired quote is caught before sending; the gateway's quote_expired comes with a fresh quote", async () => {
    const stack = new FakeStack();
    const payerClock = clockAt(stack.clock());
    const payer = await fundedPayer(stack, { clock: payerClock });
    const { paymentRequired } = await payer.fetchContent(ARTICLE);

    payerClock.ms += 301_000;
    await assert.rejects(payer.pay(ARTICLE, paymentRequired), (e) => e.code === PayerErrors.QUOTE_EXPIRED);
    assert.equal(stack.paymentsSent(), 0);

    payerClock.ms -= 301_000;
    const gatewayClock = clockAt(stack.clock() + 400_000);
    stack.clock = gatewayClock;
    const refusal = await payer.pay(ARTICLE, paymentRequired).catch((e) => e);
    assert.equal(refusal.code, PayerErrors.QUOTE_EXPIRED);
    assert.ok(refusal.paymentRequired.requirement.extra.quoteExpiresAt > paymentRequired.requirement.extra.quoteExpiresAt);
    assert.equal(payer.channel.nonce, 2, 'nothing stored for a refused payment');
  });

  test('no channel yet', async () => {
    const stack = new FakeStack();
    const payer = await newPayer(stack).connect();
    const { paymentRequired } = await payer.fetchContent(ARTICLE);
    await assert.rejects(payer.pay(ARTICLE, paymentRequired), (e) => e.code === PayerErrors.NO_CHANNEL);
  });

  test('gateway unreachable: on connect (fetch fails) and through the site (502)', async () => {
    const stack = new FakeStack();
    const payer = await fundedPayer(stack);
    const { paymentRequired } = await payer.fetchContent(ARTICLE);
    stack.gatewayDown = true;
    await assert.rejects(payer.pay(ARTICLE, paymentRequired), (e) => e.code === PayerErrors.GATEWAY_UNREACHABLE);
    await assert.rejects(payer.fetchContent(ARTICLE), (e) => e.code === PayerErrors.GATEWAY_UNREACHABLE);
    await assert.rejects(newPayer(stack).connect(), (e) => e.code === PayerErrors.GATEWAY_UNREACHABLE);
  });

  test('a resolve not signed by the gateway is refused and nothing is stored', async () => {
    const stack = new FakeStack();
    const payer = await fundedPayer(stack);
    stack.tamper = (s) => ({ ...s, resolveUpdate: { ...s.resolveUpdate, aliceSignature: signDigest(key('impostor'), '0x' + '11'.repeat(32)) } });
    const { paymentRequired } = await payer.fetchContent(ARTICLE);
    await assert.rejects(payer.pay(ARTICLE, paymentRequired), (e) => e.code === PayerErrors.BAD_ANSWER && e.reason === 'bad_signature');
    assert.equal(payer.channel.nonce, 2);
  });

  test('a resolve that pays the gateway more than the transfer held is refused', async () => {
    const stack = new FakeStack();
    const payer = await fundedPayer(stack);
    stack.tamper = (s) => ({
      ...s,
      resolveUpdate: { ...s.resolveUpdate, balance: { ...s.resolveUpdate.balance, amount: ['3000', s.resolveUpdate.balance.amount[1]] } },
    });
    const { paymentRequired } = await payer.fetchContent(ARTICLE);
    await assert.rejects(payer.pay(ARTICLE, paymentRequired), (e) => e.code === PayerErrors.BAD_ANSWER && e.reason === 'update_mismatch');
    assert.equal(payer.channel.nonce, 2);
  });
});
