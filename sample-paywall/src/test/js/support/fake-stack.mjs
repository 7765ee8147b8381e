// An in-memory gateway and publisher site behind a fetch function, for fast tests of the payer's
// flows (the end-to-end test runs the real stack). The gateway side is this package's own
// protocol code playing alice: it regenerates and countersigns what the payer sends, resolves
// paid transfers with a preimage derived from the quote, and answers as the real routes do
// (201/200, 402 no_new_deposit, 409 with the nonce and no state, channel reads only with the
// payer's TOLLGATE-AUTH, PAYMENT-REQUIRED / PAYMENT-RESPONSE).
import { keccak256, toUtf8Bytes } from 'ethers';
import {
  ProtocolError,
  chainInputs,
  countersign,
  encodeHeader,
  hashlockLockHash,
  propose,
  readPaymentSignature,
  readDigest,
  readUpdate,
  recoverSigner,
  unopenedChannel,
} from '@tollgate/x402-client/protocol';
import { GATEWAY, GATEWAY_KEY, HASHLOCK, MASTERCOPY, NETWORK, RULES, TOKEN } from './parties.mjs';

export const GATEWAY_URL = 'http://gateway.test';
export const SITE_URL = 'http://site.test';
export const FAUCET_AMOUNT = '10000000';
export const PRICE = '1500';
const CAIP2 = `eip155:${NETWORK.chainId}`;

const STATUS = {
  no_new_deposit: 402,
  insufficient_balance: 402,
  update_mismatch: 402,
  bad_signature: 402,
  stale_nonce: 409,
  skipped_nonce: 409,
  malformed_update: 400,
};

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export class FakeStack {
  /** @param confirmAfter how many deposit attempts the "watcher" needs before it credits a deposit */
  constructor({ confirmAfter = 2, clock = () => 1_763_700_000_000 } = {}) {
    this.confirmAfter = confirmAfter;
    this.clock = clock;
    this.channels = new Map(); // channel address → {channel, updates}
    this.chain = new Map(); // channel address → {bob: bigint, seenBy: attempts left}
    this.requests = [];
    this.gatewayDown = false;
    this.tamper = null; // (settlement) => settlement, to corrupt a paid answer
    this.fetch = this.fetch.bind(this);
  }

  now() {
    return Math.floor(this.clock() / 1000);
  }

  async fetch(url, init = {}) {
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers ?? {});
    const body = init.body ? JSON.parse(init.body) : null;
    this.requests.push({ method, url, headers, body });
    const { origin, pathname, searchParams } = new URL(url);
    if (origin === GATEWAY_URL) {
      if (this.gatewayDown) throw new TypeError('fetch failed: connection refused');
      return this.gateway(method, pathname, searchParams, body, headers, new URL(url));
    }
    if (origin === SITE_URL) return this.site(method, pathname, headers, body);
    throw new TypeError(`fetch failed: no server at ${origin}`);
  }

  gateway(method, path, query, body, headers = new Headers(), url = null) {
    let m;
    if (method === 'GET' && path === '/gateway') {
      return json(200, {
        address: GATEWAY,
        network: CAIP2,
        networkContext: NETWORK,
        mastercopy: MASTERCOPY,
        hashlockDefinition: HASHLOCK,
        withdrawDefinition: MASTERCOPY,
        assets: [TOKEN],
        minChannelTimeoutSeconds: 86400,
        maxChannelTimeoutSeconds: 1209600,
        routes: [],
      });
    }
    if (method === 'POST' && path === '/channels') return this.open(body);
    if ((m = path.match(/^\/channels\/(0x[0-9a-fA-F]{40})$/)) && method === 'GET') {
      const stored = this.channels.get(m[1]);
      const refused = this.readRefusal(stored, m[1], method, url, headers);
      if (refused) return refused;
      return json(200, { nonce: stored.channel.nonce, latestDoubleSignedNonce: stored.channel.nonce, latest: stored.channel });
    }
    if ((m = path.match(/^\/channels\/(0x[0-9a-fA-F]{40})\/updates$/)) && method === 'GET') {
      const stored = this.channels.get(m[1]);
      const refused = this.readRefusal(stored, m[1], method, url, headers);
      if (refused) return refused;
      const after = Number(query.get('after') ?? 0);
      const limit = Number(query.get('limit') ?? 100);
      return json(200, { updates: stored.updates.filter((u) => u.nonce > after).slice(0, limit) });
    }
    if ((m = path.match(/^\/channels\/(0x[0-9a-fA-F]{40})\/deposits$/)) && method === 'POST') return this.deposit(m[1], body);
    return json(404, { error: 'no_such_resource', detail: path });
  }

  /**
   * As the real gateway: a read needs the channel's payer's TOLLGATE-AUTH within 300 s of this
   * clock, and an unknown channel is refused word for word as a read not signed by its payer.
   */
  readRefusal(stored, address, method, url, headers) {
    const header = headers.get('TOLLGATE-AUTH');
    this.signedReads = (this.signedReads ?? 0) + (header ? 1 : 0);
    if (!header) return json(401, { error: 'unauthorized', detail: 'the request has no TOLLGATE-AUTH header' });
    const [seconds, signature] = header.split('.');
    const age = this.now() - Number(seconds);
    if (Math.abs(age) > 300) return json(401, { error: 'unauthorized', detail: `TOLLGATE-AUTH is ${age} s off` });
    let signer = null;
    try {
      signer = recoverSigner(readDigest(method, url.pathname + url.search, address, Number(seconds)), signature);
    } catch {
      signer = null;
    }
    if (!stored || signer !== stored.channel.bob) {
      return json(401, { error: 'unauthorized', detail: "TOLLGATE-AUTH is not signed by the channel's payer" });
    }
    return null;
  }

  open(body) {
    const setup = readUpdate(body.update, 'update');
    const unopened = unopenedChannel(setup.channelAddress, GATEWAY, setup.fromIdentifier, NETWORK);
    return this.accept(setup.channelAddress, unopened, setup, chainInputs(this.now()), 201);
  }

  deposit(address, body) {
    const stored = this.channels.get(address);
    if (!stored) return json(404, { error: 'unknown_channel', detail: address });
    const onChain = this.chain.get(address);
    let totals = { alice: '0', bob: '0' };
    if (onChain) {
      if (onChain.attemptsBeforeConfirmed > 0) onChain.attemptsBeforeConfirmed -= 1;
      else totals = { alice: '0', bob: onChain.bob.toString() };
    }
    const update = readUpdate(body.update, 'update');
    return this.accept(address, stored.channel, update, chainInputs(this.now(), { [TOKEN]: totals }), 200);
  }

  /** Countersigns `update` on `base` and records it; refusals as the gateway words them. */
  accept(address, base, update, inputs, status, followUp = null) {
    const stored = this.channels.get(address);
    if (stored && update.nonce <= stored.channel.nonce) return this.behind(stored, update);
    let answered;
    try {
      answered = countersign(base, update, inputs, RULES, GATEWAY_KEY);
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      return json(STATUS[e.reason] ?? 402, { error: e.reason, detail: e.detail });
    }
    const updates = [answered.update];
    let channel = answered.channel;
    if (followUp) {
      const own = followUp(answered);
      updates.push(own.update);
      channel = own.channel;
    }
    const record = stored ?? { updates: [] };
    record.channel = channel;
    record.updates.push(...updates);
    this.channels.set(address, record);
    return json(status, { nonce: channel.nonce, replayed: false, updates });
  }

  behind(stored, update) {
    return json(409, {
      error: 'stale_nonce',
      detail: `update nonce ${update.nonce} is not above the channel's nonce ${stored.channel.nonce}`,
      nonce: stored.channel.nonce,
    });
  }

  site(method, path, headers, body) {
    if (method === 'POST' && path === '/faucet') {
      const address = body?.address;
      if (!/^0x[0-9a-fA-F]{40}$/.test(address ?? '')) return json(400, { error: 'bad_address' });
      const onChain = this.chain.get(address) ?? { bob: 0n, attemptsBeforeConfirmed: 0 };
      onChain.bob += BigInt(FAUCET_AMOUNT);
      onChain.attemptsBeforeConfirmed = this.confirmAfter;
      this.chain.set(address, onChain);
      return json(200, { txHash: keccak256(toUtf8Bytes(`faucet/${address}/${onChain.bob}`)), amount: FAUCET_AMOUNT, asset: TOKEN });
    }
    const m = path.match(/^\/articles\/([a-z0-9-]+)\/content$/);
    if (m && method === 'GET') {
      if (this.gatewayDown) return json(502, { error: 'gateway_unreachable', detail: 'connection refused' });
      const signature = headers.get('PAYMENT-SIGNATURE');
      return signature ? this.paid(m[1], path, signature) : this.challenge(path, 'payment_required');
    }
    return json(404, { error: 'not_found' });
  }

  quote(path) {
    const expiresAt = this.now() + (this.quoteSeconds ?? 300);
    const quoteId = `quote-${path}-${expiresAt}-${this.requests.length}`;
    return {
      x402Version: 2,
      resource: { url: path, description: 'One article', mimeType: 'application/json' },
      accepts: [
        {
          scheme: 'vector-hashlock',
          network: CAIP2,
          amount: this.price ?? PRICE,
          asset: TOKEN,
          payTo: GATEWAY,
          maxTimeoutSeconds: 300,
          extra: {
            channelFactoryAddress: NETWORK.channelFactoryAddress,
            transferRegistryAddress: NETWORK.transferRegistryAddress,
            transferDefinition: HASHLOCK,
            transferTimeout: '86400',
            lockHash: hashlockLockHash(preImageOf(quoteId)),
            lockExpiry: '0',
            quoteId,
            quoteExpiresAt: expiresAt,
          },
        },
      ],
    };
  }

  challenge(path, error, extraBody = {}) {
    return json(402, { error, detail: 'pay to read', ...extraBody }, { 'PAYMENT-REQUIRED': encodeHeader(this.quote(path)) });
  }

  paid(slug, path, header) {
    const payment = readPaymentSignature(header);
    const extra = payment.accepted.extra;
    const refuse = (status, errorReason, detail, more = {}) => {
      const response = encodeHeader({ success: false, errorReason, errorMessage: detail, transaction: '', network: CAIP2, ...more });
      if (status === 402) {
        return json(402, { error: errorReason, detail }, { 'PAYMENT-RESPONSE': response, 'PAYMENT-REQUIRED': encodeHeader(this.quote(path)) });
      }
      return json(status, { error: errorReason, detail, ...more }, { 'PAYMENT-RESPONSE': response });
    };
    if (this.now() >= extra.quoteExpiresAt) return refuse(402, 'quote_expired', `quote expired at ${extra.quoteExpiresAt}`);
    const create = payment.payload;
    const stored = this.channels.get(create.channelAddress);
    if (!stored) return refuse(402, 'channel_not_open', 'open a channel before paying');
    const answer = this.accept(create.channelAddress, stored.channel, create, chainInputs(this.now()), 200, (created) =>
      propose(
        created.channel,
        { type: 'resolve', transferId: created.update.details.transferId, transferResolver: { preImage: preImageOf(extra.quoteId) } },
        chainInputs(this.now()),
        RULES,
        GATEWAY_KEY,
      ),
    );
    return answer.json().then((body) => {
      if (answer.status !== 200) {
        return refuse(answer.status, body.error, body.detail);
      }
      let settlement = {
        success: true,
        payer: create.fromIdentifier,
        transaction: create.details.transferId,
        network: CAIP2,
        createUpdate: body.updates[0],
        resolveUpdate: body.updates[1],
      };
      if (this.tamper) settlement = this.tamper(settlement);
      return json(
        200,
        { slug, title: `Article ${slug}`, html: `<p>The full text of ${slug}.</p>`, paid: true, receipt: { transferId: create.details.transferId, expiresAt: 0 } },
        { 'PAYMENT-RESPONSE': encodeHeader(settlement) },
      );
    });
  }

  paymentsSent() {
    return this.requests.filter((r) => r.headers.has('PAYMENT-SIGNATURE')).length;
  }
}

/** The gateway derives a quote's preimage from its id (HMAC in the real one). */
function preImageOf(quoteId) {
  return keccak256(toUtf8Bytes(`preimage/${quoteId}`));
}
