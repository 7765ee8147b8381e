// What a stock x402 server costs per paid request, and what its reader waits, for the two ways a
// vector-hashlock requirement can be made, against a running local stack (./tollgate dev):
//
//   quote        the server asks the gateway for a quote on every 402 (POST /quote), then settles
//                the paid retry (POST /settle): the sample's Paywall, as a stock server would do it
//   payer-lock   @tollgate/x402-server: requirements built once from /supported, the paid retry
//                settled (POST /settle); the 402 costs no gateway call
//   payer-lock, no 402   the client pays a cached requirement at once, skipping the unpaid trip
//
// Each flow pays N calls one after the other from one channel, after W warm-up calls.
//   node sample-paywall/src/bench/x402-flows.mjs <gateway URL> <publisher token> <site URL> [N] [W]
import { HTTPFacilitatorClient } from '@x402/core/http';
import { paymentMiddleware, x402ResourceServer } from '@x402/express';
import { wrapFetchWithPayment, x402Client, x402HTTPClient } from '@x402/fetch';
import { MemoryStorage, VectorHashlockClient } from '@tollgate/x402-client';
import { VectorHashlockServer } from '@tollgate/x402-server';
import express from 'express';

const [gatewayUrl, token, siteUrl, n = '200', w = '20'] = process.argv.slice(2);
if (!siteUrl) {
  console.error('usage: x402-flows.mjs <gateway URL> <publisher token> <site URL> [calls] [warm-up]');
  process.exit(2);
}
const CALLS = Number(n);
const WARM = Number(w);
const PRICE = '100';
const auth = { Authorization: `Bearer ${token}` };

const gatewayCalls = [];
const plainFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.origin === new URL(gatewayUrl).origin) gatewayCalls.push(url.pathname);
  return plainFetch(input, init);
};
const network = (await (await plainFetch(`${gatewayUrl}/gateway`)).json()).network;

function listen(app) {
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}

// The quote flow: a 402 is a gateway quote, a paid request a gateway settle (Tollgate's form).
const quoting = express();
quoting.get('/q/:n', async (req, res) => {
  const resource = `${siteUrl}/x402/bench/quote/${req.params.n}`;
  const payment = req.get('PAYMENT-SIGNATURE');
  if (!payment) {
    const quote = await fetch(`${gatewayUrl}/quote`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ resource: { url: resource, description: 'bench' }, amount: PRICE }),
    });
    res.status(402).set('PAYMENT-REQUIRED', quote.headers.get('PAYMENT-REQUIRED')).json({});
    return;
  }
  const paymentPayload = JSON.parse(Buffer.from(payment, 'base64').toString('utf8'));
  const settled = await fetch(`${gatewayUrl}/settle`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ paymentPayload, resource, price: PRICE }),
  });
  const body = await settled.json();
  res.status(settled.status === 200 ? 200 : 402).set('PAYMENT-RESPONSE', Buffer.from(JSON.stringify(body)).toString('base64')).json({ ok: true });
});

// The payer-locked flow: a stock @x402/express server with Tollgate's scheme.
const facilitator = new HTTPFacilitatorClient({ url: gatewayUrl, createAuthHeaders: async () => ({ supported: auth, verify: auth, settle: auth }) });
const locked = express();
locked.use(
  paymentMiddleware(
    {
      'GET /p/[n]': {
        accepts: { scheme: 'vector-hashlock', price: PRICE, network, payTo: 'gateway' },
        resource: `${siteUrl}/x402/bench/locked`,
        description: 'bench',
      },
    },
    new x402ResourceServer(facilitator).register(network, new VectorHashlockServer()),
  ),
);
locked.get('/p/:n', (req, res) => res.json({ ok: true }));

const quotingServer = await listen(quoting);
const lockedServer = await listen(locked);
const base = (s) => `http://127.0.0.1:${s.address().port}`;

const client = await VectorHashlockClient.connect({ gatewayUrl, siteUrl, storage: new MemoryStorage(), fetch: plainFetch });
await client.openChannel();
const x402 = new x402Client().register(network, client);
const pay = wrapFetchWithPayment(plainFetch, x402);
const http = new x402HTTPClient(x402);

/** A client that pays a requirement it already has: one request, no unpaid round trip. */
let cached = null;
async function payDirect(url) {
  const paymentPayload = await x402.createPaymentPayload(cached);
  const response = await plainFetch(url, { headers: http.encodePaymentSignatureHeader(paymentPayload) });
  await http.processPaymentResult(paymentPayload, (name) => response.headers.get(name), response.status);
  return response;
}

async function measure(name, call) {
  for (let i = 0; i < WARM; i++) await call(i);
  const startCalls = gatewayCalls.length;
  const times = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) {
    const t0 = process.hrtime.bigint();
    const response = await call(WARM + i);
    await response.text();
    if (response.status !== 200) throw new Error(`${name}: call ${i} answered ${response.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
  const calls = gatewayCalls.slice(startCalls);
  const byPath = {};
  for (const c of calls) byPath[c] = (byPath[c] ?? 0) + 1;
  return { flow: name, calls: CALLS, perSecond: (CALLS / seconds).toFixed(1), p50: pct(50), p95: pct(95), p99: pct(99), gatewayCallsPerPaid: (calls.length / CALLS).toFixed(2), byPath };
}

const results = [];
results.push(await measure('quote', (i) => pay(`${base(quotingServer)}/q/${i}`)));
results.push(await measure('payer-lock', (i) => pay(`${base(lockedServer)}/p/${i}`)));
// The requirement of the payer-locked route is the same for every call: read it once.
const first = await plainFetch(`${base(lockedServer)}/p/0`);
cached = http.getPaymentRequiredResponse((name) => first.headers.get(name));
results.push(await measure('payer-lock, no 402', () => payDirect(`${base(lockedServer)}/p/0`)));

console.log('flow                 calls  calls/s  p50 ms  p95 ms  p99 ms  gateway calls per paid request');
for (const r of results) {
  console.log(
    `${r.flow.padEnd(20)} ${String(r.calls).padStart(5)}  ${r.perSecond.padStart(7)}  ${r.p50.padStart(6)}  ${r.p95.padStart(6)}  ${r.p99.padStart(6)}  ${r.gatewayCallsPerPaid} ${JSON.stringify(r.byPath)}`,
  );
}
quotingServer.close();
lockedServer.close();
process.exit(0);
