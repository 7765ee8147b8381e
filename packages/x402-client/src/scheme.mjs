// x402's SchemeNetworkClient for `vector-hashlock`: pays a requirement with a hashlock create on
// the reader's Tollgate channel, and takes in the countersigned create and the gateway's resolve
// from the settlement. Register it on an x402Client; @x402/fetch and @x402/axios then pay with it.
//
// x402's client hands a scheme the requirement alone; the resource URL a payer-locked create is
// bound to comes from the onBeforePaymentCreation hook, which sees the 402 and is given the very
// requirement object that createPaymentPayload receives next.
import { hexlify, randomBytes } from 'ethers';
import { PayerError, PayerErrors } from './payer/errors.mjs';
import { Payer } from './payer/payer.mjs';
import { MemoryStorage } from './payer/store.mjs';
import { SCHEME, chainInputs, isPayerLocked, payerLockHash, readAnyRequirement, readSettlement } from './protocol/index.mjs';

/** Refusals after which the channel has moved on without this payer: catch up, pay once more. */
const BEHIND = ['stale_nonce', 'skipped_nonce', 'payment_already_used'];
const MAX_REFUSALS = 100;

export class VectorHashlockClient {
  /**
   * Connects to the gateway and restores this key's channel, if it has one.
   *
   * @param options.gatewayUrl the Tollgate gateway the servers settle with
   * @param options.storage where the channel key and state live (getItem/setItem/removeItem);
   *   by default in memory, so a process that keeps paying should pass a durable one
   * @param options.fund async ({channelAddress, asset}) => {amount, txHash?}: sends the deposit
   *   to the channel on chain; or options.siteUrl for a site's test-token faucet
   * @param options.maxPrice the most, in base units, this client pays for one request
   * @param options.decimals, options.symbol the gateway's token, so x402's spend controls know it
   * @param options.turnTimeoutMs how long a payment waits for the one before it on the channel
   */
  static async connect(options) {
    const client = new VectorHashlockClient(options);
    await client.payer.connect();
    return client;
  }

  constructor({
    gatewayUrl,
    storage = new MemoryStorage(),
    fetch = globalThis.fetch.bind(globalThis),
    fund = null,
    siteUrl = '',
    maxPrice = null,
    decimals = 6,
    symbol = 'TOKEN',
    turnTimeoutMs = 30_000,
    clock = Date.now,
    sleep,
    random = randomBytes,
  }) {
    this.scheme = SCHEME;
    this.payer = new Payer({ gatewayUrl, siteUrl, faucet: !fund && Boolean(siteUrl), storage, fetch, fund, clock, sleep });
    this.maxPrice = maxPrice === null ? null : BigInt(maxPrice);
    this.decimals = decimals;
    this.symbol = symbol;
    this.turnTimeoutMs = turnTimeoutMs;
    this.random = random;
    this.resources = new WeakMap();
    this.recovered = new WeakSet();
    this.pending = new Map();
    this.turn = Promise.resolve();
    this.stale = false;
    this.settlementsUnheard = false;
    /** The last refusal of a payment: {reason, message}; null after a payment is taken. */
    this.lastRefusal = null;
    /** The last refusals of this client's payments, oldest first: {reason, message}. */
    this.refusals = [];
    this.schemeHooks = {
      onBeforePaymentCreation: async (ctx) => this.remember(ctx),
      onPaymentResponse: async (ctx) => this.settled(ctx),
    };
    this.findDefaultAsset = (asset, network) => this.defaultAsset(asset, network);
  }

  /** The CAIP-2 network to register this scheme under: the gateway's. */
  get network() {
    return this.payer.gateway.network;
  }

  get channelAddress() {
    return this.payer.channelAddress;
  }

  /** Opens the channel (once) and funds it: the deposit goes on chain, then to the gateway. */
  async openChannel(options = {}) {
    return this.payer.openChannel(options);
  }

  /** {payer, gateway, locked, deposits} of this channel, in base units (bigints). */
  balance() {
    return this.payer.balance();
  }

  /** Applies whatever the gateway holds beyond this client's state (a payment made elsewhere). */
  async catchUp() {
    await this.payer.sync();
  }

  /**
   * Registers this scheme's resource hook on an x402Client of a version without scheme hooks
   * (@x402/core 2.11, which @x402/axios 2.11.0 brings). Such a client never hands the scheme its
   * settlement, so each payment first catches up with the gateway instead (one channel read) and
   * takes the last payment's countersigned create and resolve from the history, checked as ever.
   * Returns the client.
   */
  attachTo(client) {
    client.onBeforePaymentCreation(async (ctx) => this.remember(ctx));
    this.settlementsUnheard = true;
    return client;
  }

  defaultAsset(asset, network) {
    const gateway = this.payer.gateway;
    if (!gateway || network !== gateway.network || String(asset).toLowerCase() !== gateway.asset.toLowerCase()) return undefined;
    return { asset: gateway.asset, decimals: this.decimals, symbol: this.symbol };
  }

  remember(ctx) {
    if (ctx.selectedRequirements?.scheme !== SCHEME) return;
    const url = ctx.paymentRequired?.resource?.url;
    if (typeof url === 'string') this.resources.set(ctx.selectedRequirements, url);
  }

  /** SchemeNetworkClient: the signed create for `requirements`, {update, lockSalt} when payer-locked. */
  async createPaymentPayload(x402Version, requirements, context = {}) {
    const requirement = this.read(requirements);
    this.payer.checkRequirement(requirement);
    this.checkCap(BigInt(requirement.amount), context.maxAmountPerPayment);
    const release = await this.nextTurn();
    try {
      if (this.settlementsUnheard) await this.payer.refresh();
      const inputs = chainInputs(this.payer.now());
      let payload;
      let proposed;
      if (isPayerLocked(requirements)) {
        const url = this.resources.get(requirements);
        if (!url) {
          throw new PayerError(
            PayerErrors.REFUSED,
            'no resource URL for this requirement: register the scheme on an x402Client, whose onBeforePaymentCreation hook names it',
          );
        }
        const lockSalt = hexlify(this.random(32));
        proposed = this.payer.proposePayment(requirement, inputs, { lockHash: payerLockHash(lockSalt, url), expiry: requirement.extra.lockExpiry });
        payload = { update: proposed.update, lockSalt };
      } else {
        if (requirement.extra.quoteExpiresAt <= this.payer.now()) {
          throw new PayerError(PayerErrors.QUOTE_EXPIRED, 'the price quote expired before it was paid');
        }
        proposed = this.payer.proposePayment(requirement, inputs);
        payload = proposed.update;
      }
      if (this.settlementsUnheard) {
        // No answer will reach this scheme: the next payment learns the outcome from the gateway.
        release();
      } else {
        this.pending.set(proposed.update.bobSignature, { proposed, inputs, release, requirements });
      }
      return { x402Version, payload };
    } catch (e) {
      release();
      throw e;
    }
  }

  /** onPaymentResponse: takes in a settlement, or learns from a refusal and catches up once. */
  async settled(ctx) {
    if (ctx.requirements?.scheme !== SCHEME) return undefined;
    const update = ctx.paymentPayload?.payload?.update ?? ctx.paymentPayload?.payload;
    const entry = this.pending.get(update?.bobSignature);
    if (!entry) return undefined;
    this.pending.delete(update.bobSignature);
    try {
      const response = ctx.settleResponse;
      if (response?.success) {
        this.payer.takeSettled(this.payer.verified(() => readSettlement(response)), entry.proposed, entry.inputs);
        this.lastRefusal = null;
        return undefined;
      }
      const message = response?.errorMessage ?? response?.errorReason ?? ctx.paymentRequired?.error ?? ctx.error?.message ?? 'refused';
      const reason = String(message).split(':')[0];
      this.lastRefusal = { reason, message: String(message) };
      this.refusals.push(this.lastRefusal);
      // A long-running client keeps the recent ones only: a server refusing on and on must not
      // grow it without bound.
      if (this.refusals.length > MAX_REFUSALS) this.refusals.shift();
      if (BEHIND.includes(reason) && !this.recovered.has(entry.requirements)) {
        this.recovered.add(entry.requirements);
        await this.payer.sync();
        return { recovered: true };
      }
      return undefined;
    } finally {
      entry.release();
    }
  }

  read(requirements) {
    try {
      return readAnyRequirement(requirements, 'requirements');
    } catch (e) {
      throw new PayerError(PayerErrors.BAD_ANSWER, `the requirement cannot be paid: ${e.message}`, { cause: e });
    }
  }

  checkCap(amount, x402Cap) {
    if (this.maxPrice !== null && amount > this.maxPrice) {
      throw new PayerError(PayerErrors.REFUSED, `the price ${amount} is above this client's maxPrice ${this.maxPrice}`, { reason: 'above_max_price' });
    }
    if (x402Cap !== undefined && x402Cap !== null && amount > BigInt(x402Cap)) {
      throw new PayerError(PayerErrors.REFUSED, `the price ${amount} is above the spend cap ${x402Cap}`, { reason: 'above_max_price' });
    }
  }

  /**
   * One payment at a time on the channel: each create is built on the state the one before left.
   * A turn whose answer never came (a dropped connection) ends after turnTimeoutMs, and the next
   * payment first catches up with the gateway, which knows whether it was taken.
   */
  async nextTurn() {
    const previous = this.turn;
    let release;
    const done = new Promise((resolve) => {
      release = resolve;
    });
    this.turn = done;
    // The turn before may wait on its timer alone: keep the process alive for it while we wait.
    this.turnTimer?.ref?.();
    await previous;
    if (this.stale) {
      this.stale = false;
      this.pending.clear();
      await this.payer.sync();
    }
    const timer = setTimeout(() => {
      this.stale = true;
      release();
    }, this.turnTimeoutMs);
    // Nobody waits on this turn yet: its timer alone must not keep a finished process running.
    timer.unref?.();
    this.turnTimer = timer;
    return () => {
      clearTimeout(timer);
      release();
    };
  }
}
