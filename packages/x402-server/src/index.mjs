// @tollgate/x402-server: the `vector-hashlock` scheme for x402's resource server, with a Tollgate
// gateway as the facilitator. Requirements are payer-locked: built once per route and price from
// the gateway's /supported, so a 402 costs no gateway call and a paid request one (/settle).
//
//   const server = new x402ResourceServer(new HTTPFacilitatorClient({ url: gatewayUrl, createAuthHeaders }))
//     .register(network, new VectorHashlockServer());

export const SCHEME = 'vector-hashlock';

export class VectorHashlockServer {
  /**
   * @param options.flow 'upfront' (default): the payment is settled before the handler runs, one
   *   gateway call; 'authorization': verified before and settled after a successful handler, two
   */
  constructor({ flow = 'upfront' } = {}) {
    if (!['upfront', 'authorization'].includes(flow)) {
      throw new TypeError(`flow must be 'upfront' or 'authorization', got ${JSON.stringify(flow)}`);
    }
    this.scheme = SCHEME;
    this.defaultAssetTransferMethod = 'default';
    this.paymentFlows = { default: { supported: ['upfront', 'authorization'], default: flow } };
    // The URL each request's 402 named, by the request's adapter: a payment must be for it.
    this.resources = new WeakMap();
    this.enrichPaymentRequiredResponse = async (ctx) => this.remember(ctx);
    this.schemeHooks = {
      onBeforeVerify: async (ctx) => this.checkResource(ctx),
      onBeforeSettle: async (ctx) => this.checkResource(ctx),
    };
  }

  /** Prices are base units of the gateway's token: a positive integer, as a string or number. */
  async parsePrice(price, network) {
    if (price && typeof price === 'object') {
      return { amount: baseUnits(price.amount, network), asset: price.asset ?? '', ...(price.extra ? { extra: price.extra } : {}) };
    }
    return { amount: baseUnits(price, network), asset: '' };
  }

  /** The gateway's payee, token and payer-lock terms, from its /supported kind. */
  async enhancePaymentRequirements(requirements, supportedKind) {
    const extra = supportedKind?.extra ?? {};
    if (!extra.payerLockExtra || typeof extra.asset !== 'string' || typeof extra.payTo !== 'string') {
      throw new Error(`the facilitator's ${SCHEME} kind on ${supportedKind?.network} offers no payer-locked terms (extra.payerLockExtra, asset, payTo): is it a Tollgate gateway?`);
    }
    if (requirements.asset && requirements.asset.toLowerCase() !== extra.asset.toLowerCase()) {
      throw new Error(`the route's asset ${requirements.asset} is not the gateway's token ${extra.asset}`);
    }
    return {
      ...requirements,
      asset: extra.asset,
      payTo: extra.payTo,
      extra: { ...(requirements.extra ?? {}), ...extra.payerLockExtra },
    };
  }

  validateFacilitatorSupport(network, supportedKind) {
    if (!supportedKind?.extra?.payerLockExtra) {
      return `the facilitator's ${SCHEME} kind on ${network} has no payerLockExtra: it is not a Tollgate gateway that settles payer-locked payments`;
    }
    return undefined;
  }

  remember(ctx) {
    const adapter = ctx.transportContext?.request?.adapter;
    if (adapter && ctx.resourceInfo?.url) this.resources.set(adapter, ctx.resourceInfo.url);
    return undefined;
  }

  /**
   * The gateway binds the payment to the URL in its payload; this server makes sure that URL is
   * the one this request's 402 named, so a payment for a cheap resource cannot open another.
   */
  checkResource(ctx) {
    if (ctx.requirements?.scheme !== SCHEME) return undefined;
    const adapter = ctx.transportContext?.request?.adapter;
    const expected = adapter ? this.resources.get(adapter) : undefined;
    const paid = ctx.paymentPayload?.resource?.url;
    if (expected === undefined) {
      return { abort: true, reason: 'invalid_payload', message: 'resource_mismatch: the request named no resource to pay for' };
    }
    if (paid !== expected) {
      return { abort: true, reason: 'invalid_payload', message: `resource_mismatch: the payment is for ${paid}, this request is for ${expected}` };
    }
    return undefined;
  }
}

function baseUnits(value, network) {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^[0-9]+$/.test(text) || BigInt(text) === 0n) {
    throw new Error(
      `a ${SCHEME} price on ${network} is a positive whole number of the gateway token's base units, got ${JSON.stringify(value)}`,
    );
  }
  return BigInt(text).toString();
}
