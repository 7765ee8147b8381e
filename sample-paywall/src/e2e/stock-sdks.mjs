// x402's own SDKs, unchanged, with Tollgate's schemes: a stock @x402/express server and a stock
// @x402/hono server with the gateway as their facilitator, paid by a stock @x402/fetch client with
// @tollgate/x402-client. Called by StockX402SdksTest against a local stack; prints one JSON object
// with what each call returned, the client's balances and the gateway calls each server made.
//
//   node stock-sdks.mjs <gateway URL> <publisher token> <site URL> <chain RPC URL> <wallet key>
import { serve } from '@hono/node-server';
import { HTTPFacilitatorClient } from '@x402/core/http';
import { paymentMiddleware, x402ResourceServer } from '@x402/express';
import { wrapFetchWithPayment, x402Client, x402HTTPClient } from '@x402/fetch';
import { paymentMiddleware as honoPaymentMiddleware } from '@x402/hono';
import { MemoryStorage, VectorHashlockClient, walletFunding } from '@tollgate/x402-client';
import { JsonRpcProvider, Wallet } from 'ethers';
import axios from 'axios';
import { wrapAxiosWithPayment, x402Client as x402ClientOfAxios } from '@x402/axios';
import { VectorHashlockServer } from '@tollgate/x402-server';
import express from 'express';
import { Hono } from 'hono';

const [gatewayUrl, token, siteUrl, rpcUrl, walletKey] = process.argv.slice(2);
const PRICES = { forecast: '2000', joke: '1200', dear: '50000000' };

// Every gateway call the servers make, by path: the figure a stock server costs per request.
const serverCalls = [];
const plainFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.origin === new URL(gatewayUrl).origin) serverCalls.push(url.pathname);
  return plainFetch(input, init);
};
const network = (await (await plainFetch(`${gatewayUrl}/gateway`)).json()).network;

// --- the servers: what a publisher writes (README, "Using Tollgate with x402's SDKs") ---
const auth = { Authorization: `Bearer ${token}` };
const facilitator = new HTTPFacilitatorClient({
  url: gatewayUrl,
  createAuthHeaders: async () => ({ supported: auth, verify: auth, settle: auth }),
});
const server = new x402ResourceServer(facilitator).register(network, new VectorHashlockServer());
const offer = (price, path) => ({
  accepts: { scheme: 'vector-hashlock', price, network, payTo: 'gateway' },
  resource: `${siteUrl}/x402/${path}`,
});

const app = express();
app.use(paymentMiddleware({
  'GET /weather': {
    accepts: { scheme: 'vector-hashlock', price: '1500', network, payTo: 'gateway' },
    resource: `${siteUrl}/x402/weather`,   // a URL the gateway has this publisher selling
  },
  'GET /forecast': offer(PRICES.forecast, 'forecast'),
  'GET /dear': offer(PRICES.dear, 'dear'),
}, server));
app.get('/weather', (req, res) => res.json({ weather: 'sunny' }));
app.get('/forecast', (req, res) => res.json({ forecast: ['sunny', 'rain'] }));
app.get('/dear', (req, res) => res.json({ dear: true }));

const hono = new Hono();
// The same with @x402/hono, on a resource server of its own.
const honoServerOf = new x402ResourceServer(facilitator).register(network, new VectorHashlockServer());
hono.use(honoPaymentMiddleware({ 'GET /joke': offer(PRICES.joke, 'joke') }, honoServerOf));
hono.get('/joke', (c) => c.json({ joke: 'a state channel walks into a bar' }));

const expressServer = await new Promise((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
const honoServer = await new Promise((resolve) => {
  const s = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const expressUrl = `http://127.0.0.1:${expressServer.address().port}`;
const honoUrl = `http://127.0.0.1:${honoServer.address().port}`;

// --- the client: what a reader's program writes ---
const storage = new MemoryStorage();
const tollgate = await VectorHashlockClient.connect({ gatewayUrl, siteUrl, storage, fetch: plainFetch });
await tollgate.openChannel();
// x402's spend cap knows the gateway's token (6 decimals here): $100 a payment at most.
const reader = new x402Client().register(tollgate.network, tollgate).setSpendControls({ maxAmountPerPayment: '$100' });
const pay = wrapFetchWithPayment(plainFetch, reader);
const deposit = tollgate.balance().payer;
const http = new x402HTTPClient(new x402Client());

const out = { network, deposit: deposit.toString(), channel: tollgate.channelAddress, calls: [], serverCallsAtStart: [...serverCalls] };
async function call(who, fetchFn, url) {
  const before = serverCalls.length;
  let record;
  try {
    const response = await fetchFn(url);
    const body = await response.text();
    let settlement = null;
    try {
      settlement = http.getPaymentSettleResponse((name) => response.headers.get(name));
    } catch {
      settlement = null;
    }
    record = { who, url, status: response.status, body, settlement };
  } catch (e) {
    record = { who, url, thrown: e.message };
  }
  record.gatewayCalls = serverCalls.slice(before);
  out.calls.push(record);
  return record;
}

// An unpaid request: the 402 a stock server answers from its route table, no gateway call.
await call('unpaid', plainFetch, `${expressUrl}/weather`);
// Paid calls on both servers.
await call('reader', pay, `${expressUrl}/weather`);
await call('reader', pay, `${expressUrl}/weather`);
await call('reader', pay, `${expressUrl}/forecast`);
await call('reader', pay, `${honoUrl}/joke`);
await call('reader', pay, `${honoUrl}/joke`);

// A second process with the same key and a copy of the state: the first pays again, so the
// second's next create is on a stale nonce; it is refused, catches up once and pays.
const copy = new MemoryStorage();
for (const [k, v] of storage.items) copy.setItem(k, v);
const twin = await VectorHashlockClient.connect({ gatewayUrl, siteUrl, storage: copy, fetch: plainFetch });
const twinPay = wrapFetchWithPayment(plainFetch, new x402Client().register(twin.network, twin));
await call('reader', pay, `${expressUrl}/weather`);
await call('twin', twinPay, `${expressUrl}/weather`);
out.twinRefusals = twin.refusals;

// A price above the channel's balance: the client refuses before anything is sent.
await call('reader', pay, `${expressUrl}/dear`);

// A hostile client that accepts the price but locks one base unit less.
const cheat = {
  scheme: tollgate.scheme,
  schemeHooks: tollgate.schemeHooks,
  findDefaultAsset: tollgate.findDefaultAsset,
  createPaymentPayload: async (version, requirements, context) => {
    const cheaper = { ...requirements, amount: (BigInt(requirements.amount) - 1n).toString() };
    tollgate.resources.set(cheaper, tollgate.resources.get(requirements));
    return tollgate.createPaymentPayload(version, cheaper, context);
  },
};
await call('cheat', wrapFetchWithPayment(plainFetch, new x402Client().register(network, cheat)), `${expressUrl}/weather`);
out.readerRefusals = tollgate.refusals;

// A reader that funds its channel from its own wallet (an ERC-20 transfer on chain), no faucet.
const wallet = new Wallet(walletKey, new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, pollingInterval: 250 }));
const funded = await VectorHashlockClient.connect({
  gatewayUrl,
  storage: new MemoryStorage(),
  fetch: plainFetch,
  fund: walletFunding({ signer: wallet, amount: 3_000_000n }),
});
await funded.openChannel();
out.walletDeposit = funded.balance().payer.toString();
await call('wallet', wrapFetchWithPayment(plainFetch, new x402Client().register(network, funded)), `${honoUrl}/joke`);
await funded.catchUp();
out.walletBalance = funded.balance().payer.toString();

// @x402/axios (2.11.0, the newest on npm, on its own @x402/core 2.11): a client without scheme
// hooks, so the scheme is attached to it and catches up before each payment.
const axiosReader = await VectorHashlockClient.connect({ gatewayUrl, siteUrl, storage: new MemoryStorage(), fetch: plainFetch });
await axiosReader.openChannel();
out.axiosDeposit = axiosReader.balance().payer.toString();
const api = wrapAxiosWithPayment(axios.create(), axiosReader.attachTo(new x402ClientOfAxios().register(network, axiosReader)));
for (const url of [`${expressUrl}/weather`, `${honoUrl}/joke`]) {
  const before = serverCalls.length;
  // axios answers a 402 as an error: the wrapper pays from its response interceptor.
  const answer = await api.get(url).catch((e) => e.response ?? { status: 0, data: e.message });
  out.calls.push({ who: 'axios', url, status: answer.status, body: JSON.stringify(answer.data), gatewayCalls: serverCalls.slice(before) });
}
await axiosReader.catchUp();
out.axiosBalance = axiosReader.balance().payer.toString();

await tollgate.catchUp();
out.balance = Object.fromEntries(Object.entries(tollgate.balance()).map(([k, v]) => [k, v.toString()]));
out.nonce = tollgate.payer.channel.nonce;
out.serverCalls = serverCalls;
expressServer.close();
honoServer.close();
console.log(JSON.stringify(out));
process.exit(0);
