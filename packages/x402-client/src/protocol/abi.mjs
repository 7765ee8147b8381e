// Solidity abi.encode of the structs the adjudicator hashes, from their channel-core JSON forms.
// The tuple layouts are the contracts' (and channel-core's ChannelAbi): a field out of order here
// would make every signature unenforceable on chain.
import { AbiCoder, ParamType } from 'ethers';

const abi = AbiCoder.defaultAbiCoder();
const BALANCE = 'tuple(uint256[2] amount, address[2] to)';

// Parsed once: ethers would otherwise parse the type string on every encode.
const CORE_CHANNEL_STATE = ParamType.from(
  'tuple(address channelAddress, address alice, address bob, address[] assetIds, ' +
    `${BALANCE}[] balances, uint256[] processedDepositsA, uint256[] processedDepositsB, ` +
    'uint256[] defundNonces, uint256 timeout, uint256 nonce, bytes32 merkleRoot)',
);
const CORE_TRANSFER_STATE = ParamType.from(
  'tuple(address channelAddress, bytes32 transferId, address transferDefinition, ' +
    `address initiator, address responder, address assetId, ${BALANCE} balance, ` +
    'uint256 transferTimeout, bytes32 initialStateHash)',
);
const WITHDRAW_DATA = ParamType.from(
  'tuple(address channelAddress, address assetId, address recipient, uint256 amount, ' +
    'uint256 nonce, address callTo, bytes callData)',
);

/** HashlockTransfer's state and resolver encodings, as a create update names them. */
export const HASHLOCK_STATE_ENCODING = 'tuple(bytes32 lockHash, uint256 expiry)';
export const HASHLOCK_RESOLVER_ENCODING = 'tuple(bytes32 preImage)';
const HASHLOCK_STATE = ParamType.from(HASHLOCK_STATE_ENCODING);
const HASHLOCK_RESOLVER = ParamType.from(HASHLOCK_RESOLVER_ENCODING);

const big = (value) => BigInt(value);

function balance(b) {
  return { amount: b.amount.map(big), to: b.to };
}

/** abi.encode(CoreChannelState): a dynamic tuple, so it starts with the 0x20 offset word. */
export function encodeChannelState(s) {
  return abi.encode(
    [CORE_CHANNEL_STATE],
    [
      {
        channelAddress: s.channelAddress,
        alice: s.alice,
        bob: s.bob,
        assetIds: s.assetIds,
        balances: s.balances.map(balance),
        processedDepositsA: s.processedDepositsA.map(big),
        processedDepositsB: s.processedDepositsB.map(big),
        defundNonces: s.defundNonces.map(big),
        timeout: big(s.timeout),
        nonce: big(s.nonce),
        merkleRoot: s.merkleRoot,
      },
    ],
  );
}

/** abi.encode(CoreTransferState): static, so no offset word. */
export function encodeTransferState(t) {
  return abi.encode(
    [CORE_TRANSFER_STATE],
    [
      {
        channelAddress: t.channelAddress,
        transferId: t.transferId,
        transferDefinition: t.transferDefinition,
        initiator: t.initiator,
        responder: t.responder,
        assetId: t.assetId,
        balance: balance(t.balance),
        transferTimeout: big(t.transferTimeout),
        initialStateHash: t.initialStateHash,
      },
    ],
  );
}

export function encodeWithdrawData(d) {
  return abi.encode(
    [WITHDRAW_DATA],
    [
      {
        channelAddress: d.channelAddress,
        assetId: d.assetId,
        recipient: d.recipient,
        amount: big(d.amount),
        nonce: big(d.nonce),
        callTo: d.callTo,
        callData: d.callData,
      },
    ],
  );
}

export function encodeHashlockState(state) {
  return abi.encode([HASHLOCK_STATE], [{ lockHash: state.lockHash, expiry: big(state.expiry) }]);
}

export function encodeHashlockResolver(resolver) {
  return abi.encode([HASHLOCK_RESOLVER], [{ preImage: resolver.preImage }]);
}

/** abi.encode(uint8 commitmentType, bytes32 hash): what the adjudicator's commitments hash. */
export function encodeCommitment(commitmentType, hash) {
  return abi.encode(['uint8', 'bytes32'], [commitmentType, hash]);
}

export function encodeWords(first, second) {
  return abi.encode(['bytes32', 'bytes32'], [first, second]);
}

export function encodeWord(word) {
  return abi.encode(['bytes32'], [word]);
}
