// A reader's side of a Tollgate channel, without any page: opens the channel, funds it from the
// site's faucet, pays 402s with hashlock creates and checks every answer of the gateway with the
// protocol library before storing it. The page (widget/) only renders what this returns.
// Everything from the world comes in: fetch, storage, the clock and a way to wait.
import {
  ProtocolError,
  address as readAddress,
  acceptDoubleSigned,
  addressOfKey,
  applyHistory,
  assetBalance,
  chainInputs,
  channelAddress,
  countersign,
  defaultRules,
  firstDifference,
  paymentSignatureHeader,
  propose,
  readNetworkContext,
  readPaymentRequired,
  readSettlementResponse,
  readUpdate,
  routingMeta,
  signedReadHeader,
  unopenedChannel,
  unsignedUpdate,
  PAYMENT_REQUIRED,
  PAYMENT_RESPONSE,
  PAYMENT_SIGNATURE,
  SIGNED_READ_HEADER,
} from '../protocol/index.mjs';
import { PayerError, PayerErrors } from './errors.mjs';
import { refusalOf, request } from './http.mjs';
import { PayerStore } from './store.mjs';

/** The channel's dispute timeout the payer proposes: 48 hours. */
export const CHANNEL_TIMEOUT_SECONDS = 48 * 3600;
const HISTORY_PAGE = 100;

export class Payer {
  /**
   * @param options.gatewayUrl the gateway's base URL; options.siteUrl the publisher site's ('' =
   *   the page's own origin); options.faucet whether the site has a test-token faucet
   * @param options.storage a Storage (getItem/setItem/removeItem)
   * @param options.fetch fetch; options.clock () => epoch milliseconds; options.sleep ms => Promise
   * @param options.depositWaitMs how long to wait for a deposit to be confirmed (default 3 min)
   * @param options.fund async ({channelAddress, asset}) => {amount, asset?, txHash?}: sends tokens
   *   to the channel address on chain (bob's deposit); without it the site's faucet does
   */
  constructor({
    gatewayUrl,
    siteUrl = '',
    faucet = true,
    storage,
    fetch,
    clock = Date.now,
    sleep,
    depositWaitMs = 180_000,
    depositPollMs = 2000,
    random,
    fund = null,
  }) {
    if (!gatewayUrl) throw new TypeError('Payer needs the gateway URL');
    this.gatewayUrl = gatewayUrl.replace(/\/+$/, '');
    this.siteUrl = siteUrl.replace(/\/+$/, '');
    this.faucet = faucet;
    this.fund = fund;
    this.fetch = fetch;
    this.clock = clock;
    this.sleep = sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.depositWaitMs = depositWaitMs;
    this.depositPollMs = depositPollMs;
    this.store = new PayerStore(storage, random);
    this.key = this.store.privateKey();
    this.address = addressOfKey(this.key);
    this.gateway = null;
    this.channel = null;
  }

  now() {
    return Math.floor(this.clock() / 1000);
  }

  /** Reads the gateway's network context and finds this reader's channel, restoring it if need be. */
  async connect() {
    const answer = await request(this.fetch, `${this.gatewayUrl}/gateway`);
    if (answer.status !== 200 || !answer.body) {
      throw new PayerError(PayerErrors.GATEWAY_UNREACHABLE, `the gateway answered ${answer.status} to GET /gateway`);
    }
    const info = answer.body;
    const networkContext = this.verified(() => readNetworkContext(info.networkContext, 'networkContext'));
    this.gateway = {
      address: addressOf(info.address, 'address'),
      network: info.network,
      networkContext,
      mastercopy: addressOf(info.mastercopy, 'mastercopy'),
      asset: addressOf((info.assets ?? [])[0], 'assets[0]'),
      rules: defaultRules(addressOf(info.hashlockDefinition, 'hashlockDefinition'), timeoutBounds(info)),
    };
    this.channelAddress = channelAddress(
      networkContext.channelFactoryAddress,
      this.gateway.mastercopy,
      this.gateway.address,
      this.address,
      networkContext.chainId,
    );
    this.channel = this.store.channel(this.channelAddress);
    await this.refresh();
    return this;
  }

  /** Catches up with the gateway's view: restores a channel it knows, forgets one it does not. */
  async refresh() {
    const answer = await this.readChannel(`${this.gatewayUrl}/channels/${this.channelAddress}`);
    if (isUnknownChannel(answer)) {
      if (this.channel) {
        this.store.orphan(this.channelAddress);
        this.channel = null;
      }
      return;
    }
    if (answer.status !== 200 || !answer.body) {
      throw gatewayRefusal(answer, 'reading the channel');
    }
    const gatewayNonce = answer.body.nonce;
    if (!this.channel || gatewayNonce > this.channel.nonce) await this.sync();
  }

  /** Applies the gateway's recorded updates after this payer's nonce, checking every one. */
  async sync() {
    let channel = this.channel ?? this.unopened();
    for (;;) {
      const url = `${this.gatewayUrl}/channels/${this.channelAddress}/updates?after=${channel.nonce}&limit=${HISTORY_PAGE}`;
      const answer = await this.readChannel(url);
      if (isUnknownChannel(answer) && channel.nonce === 0) return null;
      if (answer.status !== 200 || !Array.isArray(answer.body?.updates)) throw gatewayRefusal(answer, 'reading the history');
      const updates = this.verified(() => answer.body.updates.map((u, i) => readUpdate(u, `updates[${i}]`)));
      channel = this.verified(() => applyHistory(channel, updates, this.gateway.rules, { privateKey: this.key }));
      if (updates.length < HISTORY_PAGE) break;
    }
    this.save(channel);
    return channel;
  }

  /**
   * GET `url`, a read of this reader's channel, with its TOLLGATE-AUTH: the gateway shows a channel
   * (both signatures of every state) only to its payer or the operator.
   */
  readChannel(url) {
    const header = signedReadHeader(this.key, 'GET', url, this.channelAddress, this.now());
    return request(this.fetch, url, { headers: { [SIGNED_READ_HEADER]: header } });
  }

  hasChannel() {
    return Boolean(this.channel && this.channel.nonce > 0);
  }

  isFunded() {
    return this.hasChannel() && this.channel.assetIds.includes(this.gateway.asset);
  }

  /** The reader's own balance, the gateway's, and what is locked, in base units (bigints). */
  balance() {
    return this.channel ? assetBalance(this.channel, this.gateway.asset) : { gateway: 0n, payer: 0n, locked: 0n, deposits: 0n };
  }

  pendingDeposit() {
    return this.store.pendingDeposit(this.channelAddress);
  }

  /** Setup (if not done), the faucet, and the deposit update: the "Open a channel" button. */
  async openChannel({ onStatus = () => {} } = {}) {
    if (!this.hasChannel()) await this.setup(onStatus);
    await this.deposit({ onStatus });
    return this.channel;
  }

  async setup(onStatus) {
    onStatus('Opening your channel with the gateway…');
    const unopened = this.unopened();
    const inputs = chainInputs(this.now());
    const params = { type: 'setup', timeout: String(CHANNEL_TIMEOUT_SECONDS), networkContext: this.gateway.networkContext };
    const proposed = this.verified(() => propose(unopened, params, inputs, this.gateway.rules, this.key));
    const answer = await request(this.fetch, `${this.gatewayUrl}/channels`, { method: 'POST', body: { update: proposed.update } });
    if (answer.status === 409 || answer.body?.error === 'channel_already_set_up') {
      await this.sync();
      return;
    }
    if (answer.status !== 201) throw gatewayRefusal(answer, 'opening the channel');
    const countersigned = this.countersigned(answer, proposed.update);
    this.save(this.verified(() => acceptDoubleSigned(unopened, countersigned, inputs, this.gateway.rules)).channel);
  }

  /**
   * Funds the channel: the site's faucet sends test tokens to the channel address (bob's on-chain
   * deposit), then the payer proposes the deposit update until the gateway has seen it confirmed.
   */
  async deposit({ onStatus = () => {} } = {}) {
    if (!this.hasChannel()) throw new PayerError(PayerErrors.NO_CHANNEL, 'open a channel before depositing');
    let pending = this.pendingDeposit();
    if (!pending) pending = await this.useFaucet(onStatus);
    onStatus('Waiting for the deposit to be confirmed…');
    const deadline = this.clock() + this.depositWaitMs;
    for (;;) {
      const totals = { alice: pending.alice, bob: pending.bob };
      if (this.alreadyReconciled(pending)) {
        this.store.clearPendingDeposit(this.channelAddress);
        return this.channel;
      }
      const inputs = chainInputs(this.now(), { [pending.asset]: totals });
      const params = { type: 'deposit', assetId: pending.asset };
      const proposed = this.verified(() => propose(this.channel, params, inputs, this.gateway.rules, this.key));
      const answer = await request(this.fetch, `${this.gatewayUrl}/channels/${this.channelAddress}/deposits`, {
        method: 'POST',
        body: { update: proposed.update },
      });
      if (answer.status === 200) {
        const countersigned = this.countersigned(answer, proposed.update);
        this.save(this.verified(() => acceptDoubleSigned(this.channel, countersigned, inputs, this.gateway.rules)).channel);
        this.store.clearPendingDeposit(this.channelAddress);
        return this.channel;
      }
      if (answer.status === 409) {
        await this.sync();
        continue;
      }
      if (refusalOf(answer).error !== 'no_new_deposit') throw gatewayRefusal(answer, 'reconciling the deposit');
      if (this.clock() >= deadline) {
        throw new PayerError(
          PayerErrors.DEPOSIT_NOT_CONFIRMED,
          'the deposit is not confirmed yet; it is kept, and the next try picks it up',
        );
      }
      await this.sleep(this.depositPollMs);
    }
  }

  async useFaucet(onStatus) {
    if (this.fund) {
      onStatus('Sending tokens to the channel…');
      const sent = await this.fund({ channelAddress: this.channelAddress, asset: this.gateway.asset });
      return this.recordDeposit(sent);
    }
    if (!this.faucet) {
      throw new PayerError(PayerErrors.NO_FAUCET, `this site has no faucet: send tokens to ${this.channelAddress}, then deposit`);
    }
    onStatus('Getting test tokens from the faucet…');
    const answer = await request(this.fetch, `${this.siteUrl}/faucet`, {
      method: 'POST',
      body: { address: this.channelAddress },
      who: 'site',
    });
    if (answer.status === 404) throw new PayerError(PayerErrors.NO_FAUCET, 'this site has no faucet');
    if (answer.status !== 200 || !answer.body?.amount) {
      const { error, detail } = refusalOf(answer);
      throw new PayerError(PayerErrors.REFUSED, `the faucet refused: ${error} ${detail}`.trim(), { reason: error });
    }
    return this.recordDeposit(answer.body);
  }

  /** Keeps a deposit sent on chain until the gateway has reconciled it. */
  recordDeposit(sent) {
    if (!sent || !/^[0-9]+$/.test(String(sent.amount ?? ''))) {
      throw new PayerError(PayerErrors.BAD_ANSWER, `the deposit sent names no amount: ${JSON.stringify(sent)}`);
    }
    const asset = addressOf(sent.asset ?? this.gateway.asset, 'asset');
    const index = this.channel.assetIds.indexOf(asset);
    const processedA = index < 0 ? 0n : BigInt(this.channel.processedDepositsA[index]);
    const processedB = index < 0 ? 0n : BigInt(this.channel.processedDepositsB[index]);
    const pending = {
      asset,
      alice: processedA.toString(),
      bob: (processedB + BigInt(sent.amount)).toString(),
      txHash: sent.txHash ?? null,
    };
    this.store.savePendingDeposit(this.channelAddress, pending);
    return pending;
  }

  alreadyReconciled(pending) {
    const index = this.channel.assetIds.indexOf(pending.asset);
    return index >= 0 && BigInt(this.channel.processedDepositsB[index]) >= BigInt(pending.bob);
  }

  /**
   * The resource at `url` (same origin as the page): {content} (the site's JSON) on 200, or
   * {paymentRequired} (the parsed PAYMENT-REQUIRED) on 402.
   */
  async fetchContent(url) {
    const answer = await request(this.fetch, url, { who: 'site' });
    if (answer.status === 200) return { content: answer.body };
    if (answer.status === 402) return { paymentRequired: this.paymentRequiredOf(answer) };
    throw siteRefusal(answer);
  }

  paymentRequiredOf(answer) {
    const header = answer.headers.get(PAYMENT_REQUIRED);
    if (!header) throw new PayerError(PayerErrors.BAD_ANSWER, 'the 402 carries no PAYMENT-REQUIRED header');
    try {
      return readPaymentRequired(header);
    } catch (e) {
      throw new PayerError(PayerErrors.BAD_ANSWER, `the price offered cannot be read: ${e.message}`, { cause: e });
    }
  }

  /**
   * Pays `paymentRequired` for `url` with a hashlock create built on this payer's channel, and
   * takes in the countersigned create and the gateway's resolve. Returns {content, transferId}.
   * A payer that is behind (409) syncs and tries once more.
   */
  async pay(url, paymentRequired, { onStatus = () => {} } = {}) {
    if (!this.hasChannel()) throw new PayerError(PayerErrors.NO_CHANNEL, 'open a channel to pay for this');
    const requirement = paymentRequired.requirement;
    this.checkRequirement(requirement);
    for (let attempt = 0; ; attempt++) {
      if (requirement.extra.quoteExpiresAt <= this.now()) {
        throw new PayerError(PayerErrors.QUOTE_EXPIRED, 'the price quote expired before it was paid');
      }
      const inputs = chainInputs(this.now());
      const proposed = this.proposePayment(requirement, inputs);
      onStatus('Paying…');
      const header = paymentSignatureHeader(paymentRequired.resource, requirement, proposed.update);
      const answer = await request(this.fetch, url, { headers: { [PAYMENT_SIGNATURE]: header }, who: 'site' });
      if (answer.status === 200) {
        return { content: answer.body, transferId: this.takeSettlement(answer, proposed, inputs) };
      }
      if (answer.status === 409 && attempt === 0) {
        onStatus('Catching up with the gateway…');
        await this.sync();
        continue;
      }
      throw siteRefusal(answer, () => this.paymentRequiredOf(answer));
    }
  }

  checkRequirement(requirement) {
    const refuse = (what) => new PayerError(PayerErrors.REFUSED, `the price names ${what}; this wallet pays ${this.gateway.address} only`);
    if (requirement.payTo !== this.gateway.address) throw refuse(`another gateway (${requirement.payTo})`);
    if (requirement.network !== this.gateway.network) throw refuse(`another network (${requirement.network})`);
    if (requirement.asset !== this.gateway.asset) throw refuse(`another token (${requirement.asset})`);
  }

  /**
   * The create that pays `requirement`, proposed on this channel and signed; `lock` is the
   * hashlock's {lockHash, expiry}, by default the quote's.
   */
  proposePayment(requirement, inputs, lock = { lockHash: requirement.extra.lockHash, expiry: requirement.extra.lockExpiry }) {
    const amount = BigInt(requirement.amount);
    if (!this.isFunded() || this.balance().payer < amount) {
      throw new PayerError(PayerErrors.INSUFFICIENT_BALANCE, `the channel holds ${this.balance().payer} base units, the price is ${amount}`);
    }
    const params = {
      type: 'create',
      assetId: requirement.asset,
      balance: { amount: [requirement.amount, '0'], to: [this.address, this.gateway.address] },
      transferDefinition: requirement.extra.transferDefinition,
      transferTimeout: requirement.extra.transferTimeout,
      transferInitialState: { lockHash: lock.lockHash, expiry: lock.expiry },
      ...(requirement.extra.route ? { meta: this.routed(requirement, amount) } : {}),
    };
    return this.verified(() => propose(this.channel, params, inputs, this.gateway.rules, this.key));
  }

  /**
   * The meta of a create paid through this payer's gateway as a hub: the offer must name this
   * gateway as the hub and add up (price + fee = amount), or the payer would fund a forward nobody
   * offered.
   */
  routed(requirement, amount) {
    const route = requirement.extra.route;
    if (route.hub !== this.gateway.address) {
      throw new PayerError(PayerErrors.REFUSED, `the offer routes through ${route.hub}; this wallet's channel is with ${this.gateway.address}`);
    }
    if (BigInt(route.price) + BigInt(route.fee) !== amount) {
      throw new PayerError(
        PayerErrors.BAD_ANSWER,
        `the offer asks ${amount} but its price ${route.price} and hub fee ${route.fee} add up to ${BigInt(route.price) + BigInt(route.fee)}`,
      );
    }
    return routingMeta(requirement, this.gateway.networkContext.chainId);
  }

  /**
   * The PAYMENT-RESPONSE of a paid request: the create must be the one proposed, now
   * countersigned; the resolve is regenerated here and must carry the gateway's signature. Only
   * then is the channel stored. Returns the transferId.
   */
  takeSettlement(answer, proposed, inputs) {
    const header = answer.headers.get(PAYMENT_RESPONSE);
    if (!header) throw new PayerError(PayerErrors.BAD_ANSWER, 'the paid answer carries no PAYMENT-RESPONSE header');
    return this.takeSettled(this.verified(() => readSettlementResponse(header)), proposed, inputs);
  }

  /** takeSettlement for a settlement already read (readSettlement); returns the transferId. */
  takeSettled(settlement, proposed, inputs) {
    if (!settlement.success) {
      throw new PayerError(PayerErrors.BAD_ANSWER, `the paid answer reports a failed settlement: ${settlement.errorReason}`);
    }
    const create = this.sameAsProposed(settlement.createUpdate, proposed.update);
    const resolve = settlement.resolveUpdate;
    if (resolve.type !== 'resolve' || resolve.details.transferId !== create.details.transferId) {
      throw new PayerError(PayerErrors.BAD_ANSWER, 'the gateway resolved another transfer than the one paid');
    }
    const created = this.verified(() => acceptDoubleSigned(this.channel, create, inputs, this.gateway.rules));
    const resolved = this.verified(() => countersign(created.channel, resolve, inputs, this.gateway.rules, this.key));
    this.save(resolved.channel);
    return create.details.transferId;
  }

  /** The gateway's answer to a proposal: the first update of {updates}, checked against it. */
  countersigned(answer, proposed) {
    const updates = answer.body?.updates;
    if (!Array.isArray(updates) || updates.length === 0) {
      throw new PayerError(PayerErrors.BAD_ANSWER, 'the gateway answered without the countersigned update');
    }
    return this.sameAsProposed(this.verified(() => readUpdate(updates[0], 'updates[0]')), proposed);
  }

  sameAsProposed(update, proposed) {
    const difference = firstDifference(unsignedUpdate(proposed), unsignedUpdate(update));
    if (difference || update.bobSignature !== proposed.bobSignature) {
      throw new PayerError(
        PayerErrors.BAD_ANSWER,
        `the gateway answered with another update than the one proposed (${difference ? difference.path : 'bobSignature'})`,
      );
    }
    return update;
  }

  /** Runs protocol code; a refusal of the gateway's data is the gateway's fault, named so. */
  verified(fn) {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      const options = { reason: e.reason, cause: e };
      if (e.reason === 'insufficient_balance') throw new PayerError(PayerErrors.INSUFFICIENT_BALANCE, e.detail, options);
      throw new PayerError(PayerErrors.BAD_ANSWER, `the channel check failed: ${e.message}`, options);
    }
  }

  unopened() {
    return unopenedChannel(this.channelAddress, this.gateway.address, this.address, this.gateway.networkContext);
  }

  save(channel) {
    this.channel = channel;
    this.store.saveChannel(channel);
  }
}

function addressOf(value, what) {
  try {
    return readAddress(value, what);
  } catch {
    throw new PayerError(PayerErrors.BAD_ANSWER, `the gateway's ${what} is not an address: ${value}`);
  }
}

function timeoutBounds(info) {
  const bounds = {};
  if (Number.isSafeInteger(info.minChannelTimeoutSeconds)) bounds.minChannelTimeoutSeconds = info.minChannelTimeoutSeconds;
  if (Number.isSafeInteger(info.maxChannelTimeoutSeconds)) bounds.maxChannelTimeoutSeconds = info.maxChannelTimeoutSeconds;
  return bounds;
}

const REASONS = {
  insufficient_balance: PayerErrors.INSUFFICIENT_BALANCE,
  quote_expired: PayerErrors.QUOTE_EXPIRED,
  channel_not_open: PayerErrors.NO_CHANNEL,
  unknown_channel: PayerErrors.NO_CHANNEL,
  channel_not_set_up: PayerErrors.NO_CHANNEL,
  gateway_unreachable: PayerErrors.GATEWAY_UNREACHABLE,
};

function gatewayRefusal(answer, doing) {
  const { error, detail } = refusalOf(answer);
  return new PayerError(REASONS[error] ?? PayerErrors.REFUSED, `the gateway refused ${doing}: ${error}${detail ? ` (${detail})` : ''}`, {
    reason: error,
  });
}

/** A refusal relayed by the site; a fresh quote comes along when the gateway sent one. */
function siteRefusal(answer, freshQuote = null) {
  const { error, detail } = refusalOf(answer);
  const e = new PayerError(REASONS[error] ?? PayerErrors.REFUSED, `${error}${detail ? `: ${detail}` : ''}`, { reason: error });
  if (answer.status === 402 && freshQuote && answer.headers.get(PAYMENT_REQUIRED)) {
    try {
      e.paymentRequired = freshQuote();
    } catch {
      // the refusal stands on its own; a new quote is fetched when the reader tries again
    }
  }
  return e;
}

/**
 * The gateway has no such channel. To a signed read it answers as it would a stranger (401, "not
 * signed by the channel's payer") so that nobody can probe which channels exist; the read was this
 * reader's own, so that can only mean the channel is not there. A 401 for the read's time is not.
 */
function isUnknownChannel(answer) {
  const { error, detail } = refusalOf(answer);
  return (
    (answer.status === 404 && error === 'unknown_channel') ||
    (answer.status === 401 && error === 'unauthorized' && detail.includes("not signed by the channel's payer"))
  );
}
