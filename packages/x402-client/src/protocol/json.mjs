// Reading channel-core JSON (ChannelJson's forms and field names) into canonical objects: every
// field validated and re-spelled (EIP-55 addresses, lowercase hex), keys in channel-core's order.
// The protocol code works on these objects directly; what it sends is exactly what
// ChannelJson.update parses on the gateway.
import { JsonFormatError } from './errors.mjs';
import {
  address,
  array,
  at,
  bytes32,
  integer,
  required,
  signature,
  text,
  uint,
} from './values.mjs';

export const UPDATE_TYPES = ['setup', 'deposit', 'create', 'resolve'];

const get = (object, name, path, reader) => reader(required(object, name, path), at(path, name));
const has = (object, name) => object[name] !== undefined && object[name] !== null;

export function readBalance(json, path = '') {
  const amount = get(json, 'amount', path, (v, p) => array(v, p, uint));
  const to = get(json, 'to', path, (v, p) => array(v, p, address));
  if (amount.length !== 2) {
    throw new JsonFormatError(at(path, 'amount'), `a balance has exactly two amounts, got ${amount.length}`);
  }
  if (to.length !== 2) {
    throw new JsonFormatError(at(path, 'to'), `a balance has exactly two recipients, got ${to.length}`);
  }
  return { amount, to };
}

export function readNetworkContext(json, path = '') {
  const chainId = get(json, 'chainId', path, integer);
  if (chainId === 0) throw new JsonFormatError(at(path, 'chainId'), 'chainId must be positive');
  return {
    chainId,
    channelFactoryAddress: get(json, 'channelFactoryAddress', path, address),
    transferRegistryAddress: get(json, 'transferRegistryAddress', path, address),
  };
}

/** The core state fields only, as CoreChannelState holds them. */
export function readCoreChannelState(json, path = '') {
  const state = {
    channelAddress: get(json, 'channelAddress', path, address),
    alice: get(json, 'alice', path, address),
    bob: get(json, 'bob', path, address),
    assetIds: get(json, 'assetIds', path, (v, p) => array(v, p, address)),
    balances: get(json, 'balances', path, (v, p) => array(v, p, readBalance)),
    processedDepositsA: get(json, 'processedDepositsA', path, (v, p) => array(v, p, uint)),
    processedDepositsB: get(json, 'processedDepositsB', path, (v, p) => array(v, p, uint)),
    defundNonces: get(json, 'defundNonces', path, (v, p) => array(v, p, uint)),
    timeout: get(json, 'timeout', path, uint),
    nonce: get(json, 'nonce', path, integer),
    merkleRoot: get(json, 'merkleRoot', path, bytes32),
  };
  const n = state.assetIds.length;
  for (const name of ['balances', 'processedDepositsA', 'processedDepositsB', 'defundNonces']) {
    if (state[name].length !== n) {
      throw new JsonFormatError(at(path, name), `has ${state[name].length} entries for ${n} assets`);
    }
  }
  return state;
}

export function readCoreTransferState(json, path = '') {
  return {
    channelAddress: get(json, 'channelAddress', path, address),
    transferId: get(json, 'transferId', path, bytes32),
    transferDefinition: get(json, 'transferDefinition', path, address),
    initiator: get(json, 'initiator', path, address),
    responder: get(json, 'responder', path, address),
    assetId: get(json, 'assetId', path, address),
    balance: get(json, 'balance', path, readBalance),
    transferTimeout: get(json, 'transferTimeout', path, uint),
    initialStateHash: get(json, 'initialStateHash', path, bytes32),
  };
}

/** A hashlock state; this payer takes part in hashlock transfers only. */
export function readTransferInitialState(json, path = '') {
  if (json && typeof json === 'object' && has(json, 'lockHash')) {
    return { lockHash: get(json, 'lockHash', path, bytes32), expiry: get(json, 'expiry', path, uint) };
  }
  throw new JsonFormatError(path, 'not a hashlock state (lockHash, expiry); this payer makes hashlock transfers only');
}

export function readTransferResolver(json, path = '') {
  if (json && typeof json === 'object' && has(json, 'preImage')) {
    return { preImage: get(json, 'preImage', path, bytes32) };
  }
  throw new JsonFormatError(path, 'not a hashlock resolver (preImage)');
}

function readDetails(type, json, path) {
  switch (type) {
    case 'setup':
      return {
        timeout: get(json, 'timeout', path, uint),
        networkContext: get(json, 'networkContext', path, readNetworkContext),
      };
    case 'deposit':
      return {
        totalDepositsAlice: get(json, 'totalDepositsAlice', path, uint),
        totalDepositsBob: get(json, 'totalDepositsBob', path, uint),
      };
    case 'create':
      return {
        transferId: get(json, 'transferId', path, bytes32),
        balance: get(json, 'balance', path, readBalance),
        transferDefinition: get(json, 'transferDefinition', path, address),
        transferTimeout: get(json, 'transferTimeout', path, uint),
        transferInitialState: get(json, 'transferInitialState', path, readTransferInitialState),
        transferEncodings: get(json, 'transferEncodings', path, (v, p) => array(v, p, text)),
        merkleRoot: get(json, 'merkleRoot', path, bytes32),
        ...(json.meta !== undefined && json.meta !== null ? { meta: readMeta(json.meta, at(path, 'meta')) } : {}),
      };
    default:
      return {
        transferId: get(json, 'transferId', path, bytes32),
        transferDefinition: get(json, 'transferDefinition', path, address),
        transferResolver: get(json, 'transferResolver', path, readTransferResolver),
        merkleRoot: get(json, 'merkleRoot', path, bytes32),
      };
  }
}

/** A ChannelUpdate; signatures are optional, as on the wire before the responder signs. */
export function readUpdate(json, path = '') {
  const type = get(json, 'type', path, text);
  if (!UPDATE_TYPES.includes(type)) {
    throw new JsonFormatError(at(path, 'type'), `unknown update type '${type}' (expected setup, deposit, create or resolve)`);
  }
  const nonce = get(json, 'nonce', path, integer);
  if (nonce < 1) throw new JsonFormatError(at(path, 'nonce'), `update nonce must be at least 1, got ${nonce}`);
  const update = {
    channelAddress: get(json, 'channelAddress', path, address),
    fromIdentifier: get(json, 'fromIdentifier', path, address),
    toIdentifier: get(json, 'toIdentifier', path, address),
    type,
    nonce,
    balance: get(json, 'balance', path, readBalance),
    assetId: get(json, 'assetId', path, address),
    details: get(json, 'details', path, (v, p) => readDetails(type, v, p)),
  };
  if (has(json, 'aliceSignature')) update.aliceSignature = get(json, 'aliceSignature', path, signature);
  if (has(json, 'bobSignature')) update.bobSignature = get(json, 'bobSignature', path, signature);
  return update;
}

export function readActiveTransfer(json, path = '') {
  return {
    ...readCoreTransferState(json, path),
    transferState: get(json, 'transferState', path, readTransferInitialState),
    channelNonce: get(json, 'channelNonce', path, integer),
  };
}

/** A full channel as the gateway's GET /channels/{a} shows it (`latest`) and the payer stores it. */
export function readChannel(json, path = '') {
  const channel = {
    ...readCoreChannelState(json, path),
    networkContext: get(json, 'networkContext', path, readNetworkContext),
  };
  if (has(json, 'latestUpdate')) channel.latestUpdate = get(json, 'latestUpdate', path, readUpdate);
  channel.activeTransfers = has(json, 'activeTransfers')
    ? get(json, 'activeTransfers', path, (v, p) => array(v, p, readActiveTransfer))
    : [];
  return channel;
}

/** The core state of a channel, without the payer's bookkeeping: what stateHash covers. */
export function coreState(channel) {
  return {
    channelAddress: channel.channelAddress,
    alice: channel.alice,
    bob: channel.bob,
    assetIds: channel.assetIds,
    balances: channel.balances,
    processedDepositsA: channel.processedDepositsA,
    processedDepositsB: channel.processedDepositsB,
    defundNonces: channel.defundNonces,
    timeout: channel.timeout,
    nonce: channel.nonce,
    merkleRoot: channel.merkleRoot,
  };
}

/** An update without its signatures: what the receiver regenerates and compares. */
export function unsignedUpdate(update) {
  const { aliceSignature, bobSignature, ...unsigned } = update;
  return unsigned;
}

/**
 * A create's `meta`, as vector has it: routing data for an intermediary (routingId, path, quote),
 * carried with the update but outside the signed state. Any JSON object up to META_MAX_BYTES;
 * kept as a copy.
 */
export function readMeta(value, path) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new JsonFormatError(path, `meta must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const text = JSON.stringify(value);
  const size = new TextEncoder().encode(text).length;
  if (size > META_MAX_BYTES) throw new JsonFormatError(path, `is ${size} bytes as JSON; at most ${META_MAX_BYTES} are taken`);
  return JSON.parse(text);
}

/** The most a create's meta may hold as compact JSON (channel-core's TransferMeta.MAX_BYTES). */
export const META_MAX_BYTES = 1024;
