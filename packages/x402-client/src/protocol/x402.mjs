// The x402 v2 HTTP transport as Tollgate speaks it: headers carry base64 (standard alphabet,
// padded) of UTF-8 JSON. PAYMENT-REQUIRED offers the `vector-hashlock` scheme, PAYMENT-SIGNATURE
// answers with the signed create update, PAYMENT-RESPONSE returns the countersigned create and the
// gateway's resolve. Shapes follow the gateway's PaymentRequired, PaymentPayload and
// SettlementResponse.
import { decodeBase64, encodeBase64, toUtf8Bytes, toUtf8String } from 'ethers';
import { JsonFormatError } from './errors.mjs';
import { readUpdate } from './json.mjs';
import { address, at, bytes32, integer, required, text, uint } from './values.mjs';

export const PAYMENT_REQUIRED = 'PAYMENT-REQUIRED';
export const PAYMENT_SIGNATURE = 'PAYMENT-SIGNATURE';
export const PAYMENT_RESPONSE = 'PAYMENT-RESPONSE';
export const X402_VERSION = 2;
export const SCHEME = 'vector-hashlock';

export function encodeHeader(message) {
  return encodeBase64(toUtf8Bytes(JSON.stringify(message)));
}

export function decodeHeader(name, header) {
  if (typeof header !== 'string' || header.trim() === '') {
    throw new JsonFormatError(name, 'header is missing or empty');
  }
  let json;
  try {
    json = toUtf8String(decodeBase64(header.trim()));
  } catch {
    throw new JsonFormatError(name, 'header is not base64 of UTF-8 text');
  }
  try {
    return JSON.parse(json);
  } catch (e) {
    throw new JsonFormatError(name, `header is not JSON: ${e.message}`);
  }
}

function checkVersion(message, path) {
  const version = integer(required(message, 'x402Version', path), at(path, 'x402Version'));
  if (version !== X402_VERSION) {
    throw new JsonFormatError(at(path, 'x402Version'), `version ${version} is not supported (expected ${X402_VERSION})`);
  }
}

const get = (object, name, path, reader) => reader(required(object, name, path), at(path, name));

/**
 * One `vector-hashlock` requirement: the parsed fields, and `raw`, the JSON exactly as received,
 * which the payment echoes back as `accepted`.
 */
export function readRequirement(json, path = 'accepts[0]') {
  return readWith(json, path, (extra, e) => ({
    lockHash: get(extra, 'lockHash', e, bytes32),
    lockExpiry: get(extra, 'lockExpiry', e, uint),
    quoteId: get(extra, 'quoteId', e, text),
    quoteExpiresAt: get(extra, 'quoteExpiresAt', e, integer),
  }));
}

/**
 * The fields every `vector-hashlock` requirement has, and its `extra`'s contracts, timeout and
 * route; `lockFields(extra, path)` reads what its kind of lock adds.
 */
function readWith(json, path, lockFields) {
  const scheme = get(json, 'scheme', path, text);
  if (scheme !== SCHEME) throw new JsonFormatError(at(path, 'scheme'), `'${scheme}' is not supported (expected '${SCHEME}')`);
  const extra = required(json, 'extra', path);
  const e = at(path, 'extra');
  return {
    raw: json,
    scheme,
    network: get(json, 'network', path, text),
    amount: get(json, 'amount', path, uint),
    asset: get(json, 'asset', path, address),
    payTo: get(json, 'payTo', path, address),
    maxTimeoutSeconds: get(json, 'maxTimeoutSeconds', path, integer),
    extra: {
      channelFactoryAddress: get(extra, 'channelFactoryAddress', e, address),
      transferRegistryAddress: get(extra, 'transferRegistryAddress', e, address),
      transferDefinition: get(extra, 'transferDefinition', e, address),
      transferTimeout: get(extra, 'transferTimeout', e, uint),
      ...lockFields(extra, e),
      route: readRoute(extra, e),
    },
  };
}

/**
 * A hub offer's `extra.route` (docs/ROUTING.md): pay `price + fee` to the hub on the reader's
 * channel with it, and the hub forwards `price` to `recipient` (the publisher's gateway) with the
 * same lock. Null when the requirement is a direct one.
 */
export function readRoute(extra, path) {
  if (extra.route === undefined || extra.route === null) return null;
  const r = extra.route;
  const p = at(path, 'route');
  if (typeof r !== 'object' || Array.isArray(r)) throw new JsonFormatError(p, 'must be an object');
  return {
    hub: get(r, 'hub', p, address),
    hubUrl: get(r, 'hubUrl', p, text),
    recipient: get(r, 'recipient', p, address),
    routingId: get(r, 'routingId', p, bytes32),
    price: get(r, 'price', p, uint),
    fee: get(r, 'fee', p, uint),
  };
}

/** The create's meta for a routed requirement, in vector's shape: {routingId, path, quote}. */
export function routingMeta(requirement, chainId) {
  const route = requirement.extra.route;
  return {
    routingId: route.routingId,
    path: [{ recipient: route.recipient, recipientChainId: chainId, recipientAssetId: requirement.asset }],
    quote: { amount: route.price, fee: route.fee },
  };
}

/** Whether a requirement's extra says the payer chooses the lock (Tollgate's payer-locked form). */
export function isPayerLocked(json) {
  return Boolean(json && typeof json.extra === 'object' && json.extra !== null && json.extra.lock === PAYER_LOCK);
}

export const PAYER_LOCK = 'payer';

/**
 * A payer-locked `vector-hashlock` requirement: the same for every request of a route, with no
 * quote; the payer locks its create with a salt of its own (payerLockHash). Keys of the extra that
 * Tollgate does not define (a resource server's own) stay in `raw` and are echoed unchanged.
 */
export function readPayerLockRequirement(json, path = 'accepts[0]') {
  return readWith(json, path, (extra, e) => {
    if (extra.lock !== PAYER_LOCK) throw new JsonFormatError(at(e, 'lock'), `'${extra.lock}' is not '${PAYER_LOCK}'`);
    return { lock: PAYER_LOCK, lockExpiry: get(extra, 'lockExpiry', e, uint) };
  });
}

/** A requirement of either form: a gateway's quote, or payer-locked. */
export function readAnyRequirement(json, path = 'accepts[0]') {
  return isPayerLocked(json) ? readPayerLockRequirement(json, path) : readRequirement(json, path);
}

/** The PAYMENT-REQUIRED header of a 402: {resource, error?, accepts[0] as a requirement}. */
export function readPaymentRequired(header) {
  const message = decodeHeader(PAYMENT_REQUIRED, header);
  checkVersion(message, '');
  const accepts = required(message, 'accepts', '');
  if (!Array.isArray(accepts) || accepts.length === 0) {
    throw new JsonFormatError('accepts', 'must offer at least one way to pay');
  }
  const resource = required(message, 'resource', '');
  text(required(resource, 'url', 'resource'), 'resource.url');
  return { resource, error: message.error ?? null, requirement: readRequirement(accepts[0]) };
}

/** PAYMENT-SIGNATURE: the requirement echoed as received, and the signed create. */
export function paymentSignatureHeader(resource, requirement, signedCreate) {
  return encodeHeader({ x402Version: X402_VERSION, resource, accepted: requirement.raw, payload: signedCreate });
}

export function readPaymentSignature(header) {
  const message = decodeHeader(PAYMENT_SIGNATURE, header);
  checkVersion(message, '');
  return {
    resource: message.resource ?? null,
    accepted: readRequirement(required(message, 'accepted', ''), 'accepted'),
    payload: readUpdate(required(message, 'payload', ''), 'payload'),
  };
}

/** PAYMENT-RESPONSE: a settlement (createUpdate, resolveUpdate) or a refusal (errorReason). */
export function readSettlementResponse(header) {
  return readSettlement(decodeHeader(PAYMENT_RESPONSE, header));
}

/**
 * A settlement as an object (x402's SettleResponse): the countersigned create and the resolve at
 * the top, as the gateway sends them, or under extensions["vector-hashlock"], where x402's
 * facilitator client keeps them.
 */
export function readSettlement(m) {
  if (!m || typeof m !== 'object') throw new JsonFormatError('', 'a settlement must be a JSON object');
  const success = required(m, 'success', '');
  if (typeof success !== 'boolean') throw new JsonFormatError('success', 'expected true or false');
  const scheme = m.extensions && typeof m.extensions === 'object' ? m.extensions[SCHEME] ?? {} : {};
  const optionalUpdate = (name) => {
    if (m[name]) return readUpdate(m[name], name);
    return scheme[name] ? readUpdate(scheme[name], `extensions.${SCHEME}.${name}`) : null;
  };
  const out = {
    success,
    errorReason: m.errorReason ?? null,
    errorMessage: m.errorMessage ?? null,
    payer: m.payer ? address(m.payer, 'payer') : null,
    transaction: typeof m.transaction === 'string' ? m.transaction : '',
    network: m.network ?? null,
    createUpdate: optionalUpdate('createUpdate'),
    resolveUpdate: optionalUpdate('resolveUpdate'),
  };
  if (success && (!out.createUpdate || !out.resolveUpdate)) {
    throw new JsonFormatError('', 'a settled payment carries the countersigned create and the signed resolve');
  }
  return out;
}
