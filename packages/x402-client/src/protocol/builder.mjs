// Turns an initiator's params into the unsigned update and the channel it leads to (channel-core's
// UpdateBuilder, rule for rule and in the same order, so both sides refuse with the same reason).
// The proposer calls it to build an update; the receiver calls it with the params read back out of
// an inbound update and requires an identical result. Pure: time and deposit totals come in.
import { HASHLOCK_RESOLVER_ENCODING, HASHLOCK_STATE_ENCODING } from './abi.mjs';
import { fail } from './errors.mjs';
import { checkHashlockCreate, resolveHashlock } from './hashlock.mjs';
import {
  channelDigest,
  hashlockInitialStateHash,
  transferId as computeTransferId,
  transferStateHash,
} from './hashes.mjs';
import { coreState } from './json.mjs';
import { merkleRoot } from './merkle.mjs';
import { MAX_UINT256, ZERO_ADDRESS, ZERO_BYTES32, compareHex } from './values.mjs';

const big = (v) => BigInt(v);
const dec = (v) => v.toString(10);

function sameNetwork(a, b) {
  return (
    a.chainId === b.chainId &&
    a.channelFactoryAddress === b.channelFactoryAddress &&
    a.transferRegistryAddress === b.transferRegistryAddress
  );
}

const describeNetwork = (n) => `{chainId ${n.chainId}, factory ${n.channelFactoryAddress}, registry ${n.transferRegistryAddress}}`;

/** The initiator's intent, from which the receiver regenerates the whole update. */
export function paramsOf(update) {
  const d = update.details;
  switch (update.type) {
    case 'setup':
      return { type: 'setup', timeout: d.timeout, networkContext: d.networkContext };
    case 'deposit':
      return { type: 'deposit', assetId: update.assetId };
    case 'create':
      return {
        type: 'create',
        assetId: update.assetId,
        balance: d.balance,
        transferDefinition: d.transferDefinition,
        transferTimeout: d.transferTimeout,
        transferInitialState: d.transferInitialState,
        ...(d.meta ? { meta: d.meta } : {}),
      };
    default:
      return { type: 'resolve', transferId: d.transferId, transferResolver: d.transferResolver };
  }
}

/**
 * Builds the update `initiator` proposes with `params` on `channel`. Returns {channel, update,
 * digest}: the next channel (with the update as its latestUpdate), the unsigned update, and the
 * digest both parties sign. Throws a ProtocolError naming channel-core's reason.
 */
export function buildUpdate(channel, initiator, params, inputs, rules) {
  let responder;
  if (initiator === channel.alice) responder = channel.bob;
  else if (initiator === channel.bob) responder = channel.alice;
  else fail('not_a_participant', `${initiator} is neither alice (${channel.alice}) nor bob (${channel.bob})`);

  if (params.type === 'setup') return setup(channel, initiator, responder, params, rules);
  if (channel.nonce === 0) fail('channel_not_set_up', `channel ${channel.channelAddress} has not been set up`);
  switch (params.type) {
    case 'deposit':
      return deposit(channel, initiator, responder, params, inputs, rules);
    case 'create':
      return create(channel, initiator, responder, params, inputs, rules);
    case 'resolve':
      return resolve(channel, initiator, responder, params, inputs, rules);
    default:
      throw new TypeError(`unknown update params type ${params.type}`);
  }
}

function setup(channel, initiator, responder, p, rules) {
  if (channel.nonce > 0) {
    fail('channel_already_set_up', `channel ${channel.channelAddress} is already at nonce ${channel.nonce}`);
  }
  if (!sameNetwork(p.networkContext, channel.networkContext)) {
    fail(
      'network_mismatch',
      `setup names network ${describeNetwork(p.networkContext)} but the channel is on ${describeNetwork(channel.networkContext)}`,
    );
  }
  const t = big(p.timeout);
  if (t < BigInt(rules.minChannelTimeoutSeconds) || t > BigInt(rules.maxChannelTimeoutSeconds)) {
    fail(
      'channel_timeout_out_of_range',
      `channel timeout ${t}s is outside [${rules.minChannelTimeoutSeconds}, ${rules.maxChannelTimeoutSeconds}]`,
    );
  }
  const next = {
    ...channel,
    assetIds: [],
    balances: [],
    processedDepositsA: [],
    processedDepositsB: [],
    defundNonces: [],
    timeout: p.timeout,
    nonce: channel.nonce + 1,
    merkleRoot: ZERO_BYTES32,
  };
  const update = unsigned(channel, initiator, responder, 'setup', zeroBalance(channel), ZERO_ADDRESS, {
    timeout: p.timeout,
    networkContext: p.networkContext,
  });
  return transition(next, channel.activeTransfers, update);
}

function deposit(channel, initiator, responder, p, inputs, rules) {
  const asset = p.assetId;
  const totals = inputs.depositTotals[asset];
  if (!totals) fail('no_new_deposit', `no on-chain deposit totals are known for asset ${asset}`);
  const index = channel.assetIds.indexOf(asset);
  const newAsset = index < 0;
  if (newAsset && channel.assetIds.length >= rules.maxAssets) {
    fail('too_many_assets', `channel already holds ${channel.assetIds.length} assets (limit ${rules.maxAssets})`);
  }
  const balance = newAsset ? zeroBalance(channel) : channel.balances[index];
  const processedA = newAsset ? 0n : big(channel.processedDepositsA[index]);
  const processedB = newAsset ? 0n : big(channel.processedDepositsB[index]);
  const totalA = big(totals.alice);
  const totalB = big(totals.bob);
  if (totalA < processedA || totalB < processedB) {
    fail(
      'deposit_totals_decreased',
      `on-chain totals (${totalA}, ${totalB}) are below the processed deposits (${processedA}, ${processedB}) of asset ${asset}`,
    );
  }
  if (totalA === processedA && totalB === processedB) fail('no_new_deposit', `no unprocessed deposit of asset ${asset}`);
  const a = big(balance.amount[0]) + totalA - processedA;
  const b = big(balance.amount[1]) + totalB - processedB;
  if (a > MAX_UINT256 || b > MAX_UINT256) fail('amount_out_of_range', `reconciled balance of asset ${asset} exceeds uint256`);
  const reconciled = { amount: [dec(a), dec(b)], to: balance.to };

  const next = {
    ...channel,
    assetIds: [...channel.assetIds],
    balances: [...channel.balances],
    processedDepositsA: [...channel.processedDepositsA],
    processedDepositsB: [...channel.processedDepositsB],
    defundNonces: [...channel.defundNonces],
    nonce: channel.nonce + 1,
  };
  if (newAsset) {
    next.assetIds.push(asset);
    next.balances.push(reconciled);
    next.processedDepositsA.push(dec(totalA));
    next.processedDepositsB.push(dec(totalB));
    next.defundNonces.push('1');
  } else {
    next.balances[index] = reconciled;
    next.processedDepositsA[index] = dec(totalA);
    next.processedDepositsB[index] = dec(totalB);
  }
  const update = unsigned(channel, initiator, responder, 'deposit', reconciled, asset, {
    totalDepositsAlice: dec(totalA),
    totalDepositsBob: dec(totalB),
  });
  return transition(next, channel.activeTransfers, update);
}

function create(channel, initiator, responder, p, inputs, rules) {
  if (p.transferDefinition !== rules.hashlockDefinition) {
    fail('unknown_transfer_definition', `transfer definition ${p.transferDefinition} is not registered`);
  }
  const tb = p.balance;
  if (tb.to[0] !== initiator || tb.to[1] !== responder) {
    fail(
      'malformed_update',
      `transfer balance must pay [initiator ${initiator}, responder ${responder}], got [${tb.to[0]}, ${tb.to[1]}]`,
    );
  }
  const index = channel.assetIds.indexOf(p.assetId);
  if (index < 0) fail('unknown_asset', `asset ${p.assetId} has no balance in this channel`);
  const timeout = big(p.transferTimeout);
  const ruleCap = BigInt(rules.maxTransferTimeoutSeconds);
  const maxTimeout = ruleCap < big(channel.timeout) ? ruleCap : big(channel.timeout);
  if (timeout < BigInt(rules.minTransferTimeoutSeconds) || timeout > maxTimeout) {
    fail(
      'transfer_timeout_out_of_range',
      `transfer timeout ${timeout}s is outside [${rules.minTransferTimeoutSeconds}, ${maxTimeout}] (capped by the channel timeout)`,
    );
  }
  if (channel.activeTransfers.length >= rules.maxActiveTransfers) {
    fail(
      'too_many_transfers',
      `channel already has ${channel.activeTransfers.length} active transfers (limit ${rules.maxActiveTransfers})`,
    );
  }
  const id = computeTransferId(p.transferDefinition, channel.channelAddress, p.transferTimeout, channel.nonce);
  if (channel.activeTransfers.some((t) => t.transferId === id)) fail('duplicate_transfer', `transfer ${id} is already active`);
  checkHashlockCreate(tb, p.transferInitialState, inputs.now);

  const initiatorSide = initiator === channel.alice ? 0 : 1;
  const current = channel.balances[index];
  const initiatorLeft = big(current.amount[initiatorSide]) - big(tb.amount[0]);
  const responderLeft = big(current.amount[1 - initiatorSide]) - big(tb.amount[1]);
  if (initiatorLeft < 0n || responderLeft < 0n) {
    fail(
      'insufficient_balance',
      `transfer of [${tb.amount[0]}, ${tb.amount[1]}] exceeds the channel balance ` +
        `[${current.amount[initiatorSide]}, ${current.amount[1 - initiatorSide]}] of asset ${p.assetId}`,
    );
  }
  const amounts = initiatorSide === 0 ? [initiatorLeft, responderLeft] : [responderLeft, initiatorLeft];
  const nextBalance = { amount: amounts.map(dec), to: current.to };

  const core = {
    channelAddress: channel.channelAddress,
    transferId: id,
    transferDefinition: p.transferDefinition,
    initiator,
    responder,
    assetId: p.assetId,
    balance: tb,
    transferTimeout: p.transferTimeout,
    initialStateHash: hashlockInitialStateHash(p.transferInitialState),
  };
  const active = [...channel.activeTransfers, { ...core, transferState: p.transferInitialState, channelNonce: channel.nonce }];
  active.sort((x, y) => compareHex(x.transferId, y.transferId));
  const root = rootOf(active);
  const next = withBalance(channel, index, nextBalance, root);
  const update = unsigned(channel, initiator, responder, 'create', nextBalance, p.assetId, {
    transferId: id,
    balance: tb,
    transferDefinition: p.transferDefinition,
    transferTimeout: p.transferTimeout,
    transferInitialState: p.transferInitialState,
    transferEncodings: [HASHLOCK_STATE_ENCODING, HASHLOCK_RESOLVER_ENCODING],
    merkleRoot: root,
    ...(p.meta ? { meta: p.meta } : {}),
  });
  return transition(next, active, update);
}

function resolve(channel, initiator, responder, p, inputs, rules) {
  const transfer = channel.activeTransfers.find((t) => t.transferId === p.transferId);
  if (!transfer) fail('unknown_transfer', `transfer ${p.transferId} is not active in this channel`);
  if (initiator !== transfer.responder) {
    fail('resolver_not_responder', `only the responder ${transfer.responder} may resolve transfer ${transfer.transferId}`);
  }
  if (transfer.transferDefinition !== rules.hashlockDefinition) {
    fail('unknown_transfer_definition', `transfer definition ${transfer.transferDefinition} is no longer registered`);
  }
  const final = resolveHashlock(transfer.balance, transfer.transferState, p.transferResolver, inputs.now);
  const original = transfer.balance;
  if (
    big(final.amount[0]) + big(final.amount[1]) > big(original.amount[0]) + big(original.amount[1]) ||
    final.to[0] !== original.to[0] ||
    final.to[1] !== original.to[1]
  ) {
    fail('invalid_resolver', 'resolved balance pays out more than was locked');
  }
  const index = channel.assetIds.indexOf(transfer.assetId);
  const current = channel.balances[index];
  const amounts = [big(current.amount[0]), big(current.amount[1])];
  for (let i = 0; i < 2; i++) {
    const side = final.to[i] === channel.alice ? 0 : 1;
    amounts[side] += big(final.amount[i]);
  }
  if (amounts[0] > MAX_UINT256 || amounts[1] > MAX_UINT256) {
    fail('amount_out_of_range', `channel balance of asset ${transfer.assetId} would exceed uint256`);
  }
  const nextBalance = { amount: amounts.map(dec), to: current.to };
  const active = channel.activeTransfers.filter((t) => t.transferId !== p.transferId);
  const root = rootOf(active);
  const next = withBalance(channel, index, nextBalance, root);
  const update = unsigned(channel, initiator, responder, 'resolve', nextBalance, transfer.assetId, {
    transferId: transfer.transferId,
    transferDefinition: transfer.transferDefinition,
    transferResolver: p.transferResolver,
    merkleRoot: root,
  });
  return transition(next, active, update);
}

function rootOf(active) {
  return merkleRoot(active.map((t) => transferStateHash(t)));
}

function zeroBalance(channel) {
  return { amount: ['0', '0'], to: [channel.alice, channel.bob] };
}

function withBalance(channel, index, balance, root) {
  const balances = [...channel.balances];
  balances[index] = balance;
  return { ...channel, balances, nonce: channel.nonce + 1, merkleRoot: root };
}

function unsigned(channel, from, to, type, balance, assetId, details) {
  return {
    channelAddress: channel.channelAddress,
    fromIdentifier: from,
    toIdentifier: to,
    type,
    nonce: channel.nonce + 1,
    balance,
    assetId,
    details,
  };
}

function transition(next, activeTransfers, update) {
  const channel = { ...next, latestUpdate: update, activeTransfers };
  return { channel, update, digest: channelDigest(coreState(channel)) };
}
