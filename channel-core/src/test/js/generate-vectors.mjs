// Reference test vectors for Tollgate's channel-core.
//
// Why this script exists: Tollgate re-implements the Connext "vector" channel
// encodings (Solidity ABI encoding of channel/transfer/withdraw states, their
// hashes and commitments, the transfer merkle root and the ECDSA signatures
// over them) in Java. Checking that code against values it computed itself
// proves nothing, so this script is an independent reference implementation
// written only with `ethers` (v6) and `merkletreejs` -- the libraries the
// original vector stack is built on -- and never with any Tollgate code.
// The Java tests load the JSON it writes and compare byte for byte.
//
// The output is fully deterministic: every "random" value is derived from
// keccak256(seed || counter), so re-running the script yields identical bytes.
//
// Usage: node channel-core/src/test/js/generate-vectors.mjs <output.json>

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  AbiCoder,
  ParamType,
  SigningKey,
  ZeroAddress,
  ZeroHash,
  computeAddress,
  concat,
  getCreate2Address,
  solidityPackedKeccak256,
  getAddress,
  getBytes,
  hexlify,
  keccak256,
  recoverAddress,
  sha256,
  solidityPacked,
  toBeHex,
  toUtf8Bytes,
  version as ethersVersion,
} from "ethers";
import { MerkleTree } from "merkletreejs";

const abi = AbiCoder.defaultAbiCoder();

// ---------------------------------------------------------------------------
// Solidity type definitions (the same structs as vector's contracts/types)
// ---------------------------------------------------------------------------

// Parsed once: ethers re-parses a type string on every encode() otherwise,
// which dominated the runtime.
const BALANCE = "tuple(uint256[2] amount, address[2] to)";
const CORE_CHANNEL_STATE = ParamType.from(
  "tuple(address channelAddress, address alice, address bob, address[] assetIds, " +
  `${BALANCE}[] balances, uint256[] processedDepositsA, uint256[] processedDepositsB, ` +
  "uint256[] defundNonces, uint256 timeout, uint256 nonce, bytes32 merkleRoot)");
const CORE_TRANSFER_STATE = ParamType.from(
  "tuple(address channelAddress, bytes32 transferId, address transferDefinition, " +
  `address initiator, address responder, address assetId, ${BALANCE} balance, ` +
  "uint256 transferTimeout, bytes32 initialStateHash)");
const WITHDRAW_DATA = ParamType.from(
  "tuple(address channelAddress, address assetId, address recipient, uint256 amount, " +
  "uint256 nonce, address callTo, bytes callData)");
const HASHLOCK_STATE = ParamType.from("tuple(bytes32 lockHash, uint256 expiry)");
const HASHLOCK_RESOLVER = ParamType.from("tuple(bytes32 preImage)");

// Commitment type tags used by vector's ChannelMastercopy / withdraw helper.
const COMMITMENT_TYPE_CHANNEL_STATE = 0;
const COMMITMENT_TYPE_WITHDRAW = 1;

const MAX_UINT256 = (1n << 256n) - 1n;
const SECP256K1_N = BigInt("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

// ---------------------------------------------------------------------------
// Deterministic PRNG: a byte stream made of blocks
// keccak256(keccak256(SEED_TEXT) || uint256(counter)), counter = 0, 1, 2, ...
// ---------------------------------------------------------------------------

const SEED = getBytes(keccak256(toUtf8Bytes("tollgate/channel-core/reference-vectors/v1")));
let counter = 0n;
let pool = "";  // unread hex digits of the current block(s)

function nextBlock() {
  const block = keccak256(concat([SEED, toBeHex(counter, 32)]));
  counter += 1n;
  return block.slice(2);
}

/** n pseudo-random bytes as lowercase 0x-hex. */
function randomHex(n) {
  while (pool.length < 2 * n) pool += nextBlock();
  const hex = pool.slice(0, 2 * n);
  pool = pool.slice(2 * n);
  return "0x" + hex;
}

/**
 * Integer in [0, n). Draws 8 bytes more than n needs, which keeps the modulo
 * bias below 2^-64 while small draws stay cheap.
 */
function randomBelow(n) {
  const bound = BigInt(n);
  const bytes = Math.ceil(bound.toString(16).length / 2) + 8;
  return BigInt(randomHex(bytes)) % bound;
}

function randomInt(min, max) {
  return min + Number(randomBelow(max - min + 1));
}

function chance(numerator, denominator) {
  return randomBelow(denominator) < BigInt(numerator);
}

function pick(items) {
  return items[randomInt(0, items.length - 1)];
}

function randomAddress() {
  return getAddress(randomHex(20));
}

/** A valid secp256k1 private key (1 <= k < n). */
function randomPrivateKey() {
  for (;;) {
    const key = randomHex(32);
    const k = BigInt(key);
    if (k > 0n && k < SECP256K1_N) return key;
  }
}

/**
 * A uint256 drawn from a mix meant to hit encoding edge cases: zero, small
 * values (one significant byte), max uint256, values of random bit length,
 * and full-width random values.
 */
function randomUint256() {
  switch (randomInt(0, 7)) {
    case 0: return 0n;
    case 1: return BigInt(randomInt(1, 1000));
    case 2: return MAX_UINT256;
    case 3:
    case 4: return BigInt(randomHex(32)) >> BigInt(randomInt(0, 255));
    default: return BigInt(randomHex(32));
  }
}

// ---------------------------------------------------------------------------
// Hashing rules (the thing under test)
// ---------------------------------------------------------------------------

/** Vector's personal-message prefix; "\x16" is the single byte 0x16. */
const VECTOR_MESSAGE_PREFIX = toUtf8Bytes("\x16Vector Signed Message:\n32");

function commitmentHash(commitmentType, dataHash) {
  return keccak256(abi.encode(["uint8", "bytes32"], [commitmentType, dataHash]));
}

function signedMessageDigest(commitment) {
  return keccak256(concat([VECTOR_MESSAGE_PREFIX, commitment]));
}

const SECP256K1_HALF_N = SECP256K1_N >> 1n;
let signatureCount = 0;

/**
 * RFC 6979 signature, serialized r || s || v. Every signature is checked for
 * the canonical form (v 27/28, low s); every tenth is also recovered back to
 * the signer, which is a slow operation (milliseconds each) so sampling keeps
 * the runtime short.
 */
function sign(privateKey, signerAddress, digest) {
  const signature = new SigningKey(privateKey).sign(digest);
  if (![27, 28].includes(signature.v) || BigInt(signature.s) > SECP256K1_HALF_N) {
    throw new Error(`non-canonical signature for digest ${digest}`);
  }
  const serialized = signature.serialized;
  if (signatureCount++ % 10 === 0 && recoverAddress(digest, serialized) !== signerAddress) {
    throw new Error(`signature does not recover for digest ${digest}`);
  }
  return serialized;
}

function computeTransferId(transferDefinition, channelAddress, transferTimeout, channelNonce) {
  return keccak256(solidityPacked(
    ["address", "address", "uint256", "uint256"],
    [transferDefinition, channelAddress, transferTimeout, channelNonce],
  ));
}

function toBuffer(hex) {
  return Buffer.from(getBytes(hex));
}

/** Merkle root exactly as vector computes it, via merkletreejs. */
function merkleRootWithMerkletreejs(leaves) {
  if (leaves.length === 0) return ZeroHash;
  const hashFn = (data) => toBuffer(keccak256(data));
  const tree = new MerkleTree(leaves.map(toBuffer), hashFn, { sortPairs: true });
  return tree.getHexRoot();
}

/**
 * The same rule written out by hand, used only to cross-check merkletreejs:
 * hash each pair after ordering the two children, carry an odd last node up
 * unchanged, stop at one node. Lowercase hex compares like unsigned bytes.
 */
function merkleRootByHand(leaves) {
  if (leaves.length === 0) return ZeroHash;
  let layer = leaves.map((leaf) => leaf.toLowerCase());
  while (layer.length > 1) {
    const next = [];
    for (let i = 0; i < layer.length; i += 2) {
      if (i + 1 === layer.length) {
        next.push(layer[i]);
        continue;
      }
      const [lo, hi] = layer[i] <= layer[i + 1] ? [layer[i], layer[i + 1]] : [layer[i + 1], layer[i]];
      next.push(keccak256(concat([lo, hi])));
    }
    layer = next;
  }
  return layer[0];
}

/** Leaves are transfer-state hashes ordered by transferId (ascending). */
function transferMerkleRoot(transfers) {
  const leaves = [...transfers]
    .sort((a, b) => (a.transferId < b.transferId ? -1 : a.transferId > b.transferId ? 1 : 0))
    .map((t) => t.transferStateHash);
  const root = merkleRootWithMerkletreejs(leaves);
  const check = merkleRootByHand(leaves);
  if (root !== check) {
    throw new Error(`merkle root mismatch: merkletreejs ${root} vs hand-rolled ${check}`);
  }
  return root;
}

// ---------------------------------------------------------------------------
// JSON shaping: uint256 as decimal strings, bytes as lowercase hex
// ---------------------------------------------------------------------------

const dec = (value) => value.toString(10);

function balanceJson(balance) {
  return { amount: balance.amount.map(dec), to: balance.to };
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

/** Edge-case addresses first (all-zero, all-ff, all-digit, all-letter), then random ones. */
function generateAddresses(count) {
  const fixed = [
    ZeroAddress,
    "0x" + "ff".repeat(20),
    "0x" + "00".repeat(19) + "01",
    "0x" + "11".repeat(20),
    "0x" + "ab".repeat(20),
    "0x" + "0123456789abcdef".repeat(3).slice(0, 40),
    "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", // EIP-55 example
    "0xde709f2102306220921060314715629080e2fb77", // EIP-55 example
  ];
  const lower = [...fixed];
  while (lower.length < count) lower.push(randomHex(20));
  return lower.map((address) => ({ lower: address, checksummed: getAddress(address) }));
}

/**
 * Transfer counts per channel state: every count 0..50 once, then a random
 * mix biased towards the small trees where the merkle edge cases live (and
 * which keep the file and the runtime small).
 */
function transferCountFor(index) {
  if (index <= 50) return index;
  const bucket = randomInt(0, 19);
  if (bucket < 14) return randomInt(0, 3);
  if (bucket < 19) return randomInt(4, 12);
  return randomInt(13, 50);
}

function randomAssetIds(count, includeZero) {
  const assets = [];
  if (includeZero && count > 0) assets.push(ZeroAddress);
  while (assets.length < count) assets.push(randomAddress());
  // Put the zero address at a random position, not always first.
  if (includeZero && count > 1) {
    const j = randomInt(0, count - 1);
    [assets[0], assets[j]] = [assets[j], assets[0]];
  }
  return assets;
}

function generateTransfer(channelAddress, alice, bob, assetIds) {
  const [initiator, responder] = chance(1, 2) ? [alice, bob] : [bob, alice];
  const transferDefinition = randomAddress();
  const transferTimeout = randomUint256();
  const channelNonce = randomInt(0, 2 ** 40);
  const transfer = {
    channelAddress,
    transferId: computeTransferId(transferDefinition, channelAddress, transferTimeout, channelNonce),
    transferDefinition,
    initiator,
    responder,
    assetId: assetIds.length > 0 && chance(3, 4) ? pick(assetIds) : randomAddress(),
    balance: { amount: [randomUint256(), randomUint256()], to: [initiator, responder] },
    transferTimeout,
    initialStateHash: randomHex(32),
  };
  const encoded = abi.encode([CORE_TRANSFER_STATE], [transfer]);
  return {
    ...transfer,
    balance: balanceJson(transfer.balance),
    transferTimeout: dec(transferTimeout),
    encoded,
    transferStateHash: keccak256(encoded),
  };
}

function generateChannelState(index) {
  const alicePrivateKey = randomPrivateKey();
  const bobPrivateKey = randomPrivateKey();
  const alice = computeAddress(alicePrivateKey);
  const bob = computeAddress(bobPrivateKey);
  const channelAddress = randomAddress();

  // Every fifth state is forced to carry a max-uint256 balance so the
  // "max in >= 10% of states" coverage does not depend on luck.
  const forceMax = index % 5 === 0;
  const assetCount = forceMax ? randomInt(1, 5) : randomInt(0, 5);
  const assetIds = randomAssetIds(assetCount, chance(1, 3));
  const balances = assetIds.map(() => ({ amount: [randomUint256(), randomUint256()], to: [alice, bob] }));
  if (forceMax) balances[randomInt(0, assetCount - 1)].amount[randomInt(0, 1)] = MAX_UINT256;
  const perAsset = () => assetIds.map(() => randomUint256());

  const transfers = Array.from({ length: transferCountFor(index) }, () =>
    generateTransfer(channelAddress, alice, bob, assetIds));

  const state = {
    channelAddress,
    alice,
    bob,
    assetIds,
    balances,
    processedDepositsA: perAsset(),
    processedDepositsB: perAsset(),
    defundNonces: perAsset(),
    timeout: randomUint256(),
    nonce: randomInt(1, 2 ** 40),
    merkleRoot: transferMerkleRoot(transfers),
  };

  const encoded = abi.encode([CORE_CHANNEL_STATE], [state]);
  const stateHash = keccak256(encoded);
  const channelCommitment = commitmentHash(COMMITMENT_TYPE_CHANNEL_STATE, stateHash);
  const digest = signedMessageDigest(channelCommitment);

  return {
    alicePrivateKey,
    bobPrivateKey,
    state: {
      ...state,
      balances: balances.map(balanceJson),
      processedDepositsA: state.processedDepositsA.map(dec),
      processedDepositsB: state.processedDepositsB.map(dec),
      defundNonces: state.defundNonces.map(dec),
      timeout: dec(state.timeout),
    },
    transfers,
    encoded,
    stateHash,
    channelCommitment,
    digest,
    aliceSignature: sign(alicePrivateKey, alice, digest),
    bobSignature: sign(bobPrivateKey, bob, digest),
  };
}

function generateTransferIdVector(index) {
  const transferDefinition = index === 0 ? ZeroAddress : randomAddress();
  const channelAddress = randomAddress();
  // Pin the extremes on the first few vectors, randomize the rest.
  const transferTimeout = [MAX_UINT256, 0n][index] ?? (index % 10 === 0 ? MAX_UINT256 : randomUint256());
  const channelNonce = [0, 1, Number.MAX_SAFE_INTEGER][index] ?? randomInt(0, 2 ** 40);
  return {
    transferDefinition,
    channelAddress,
    transferTimeout: dec(transferTimeout),
    channelNonce,
    transferId: computeTransferId(transferDefinition, channelAddress, transferTimeout, channelNonce),
  };
}

function generateHashlock(index) {
  const preImage = ["0x" + "00".repeat(32), "0x" + "ff".repeat(32)][index] ?? randomHex(32);
  const expiry = [0n, MAX_UINT256][index] ?? randomUint256();
  const lockHash = sha256(abi.encode(["bytes32"], [preImage]));
  const encodedState = abi.encode([HASHLOCK_STATE], [{ lockHash, expiry }]);
  return {
    preImage,
    lockHash,
    expiry: dec(expiry),
    encodedState,
    initialStateHash: keccak256(encodedState),
    encodedResolver: abi.encode([HASHLOCK_RESOLVER], [{ preImage }]),
  };
}

/** EIP-1167 init code of a channel proxy, as ChannelFactory.getProxyCreationCode builds it. */
function proxyCreationCode(mastercopy) {
  return concat(["0x3d602d80600a3d3981f3363d3d373d3d3d363d73", mastercopy, "0x5af43d82803e903d91602b57fd5bf3"]);
}

function generateChannelAddress(index) {
  const factory = randomAddress();
  const mastercopy = randomAddress();
  const alice = randomAddress();
  const bob = randomAddress();
  const chainId = [1, 31337, 2 ** 53 - 1][index] ?? randomInt(1, 2 ** 40);
  const salt = solidityPackedKeccak256(["address", "address", "uint256"], [alice, bob, chainId]);
  const proxyCode = proxyCreationCode(mastercopy);
  return {
    factory,
    mastercopy,
    alice,
    bob,
    chainId,
    salt,
    proxyCreationCode: proxyCode,
    channelAddress: getCreate2Address(factory, salt, keccak256(proxyCode)),
  };
}

function generateResolverCommitment(index) {
  const transferId = randomHex(32);
  const encodedResolver = index % 2 === 0 ? abi.encode([HASHLOCK_RESOLVER], [{ preImage: randomHex(32) }]) : randomHex(randomInt(0, 200));
  return {
    transferId,
    encodedResolver,
    resolverCommitment: keccak256(abi.encode(["bytes32", "bytes32"], [transferId, keccak256(encodedResolver)])),
  };
}

/** callData lengths around the 32-byte padding boundaries, then random 1..100. */
const CALLDATA_EDGE_LENGTHS = [1, 31, 32, 33, 63, 64, 65, 100];

function callDataFor(index) {
  if (index % 4 === 0) return "0x"; // every fourth withdrawal has no call
  const nonEmptyOrdinal = index - Math.floor(index / 4) - 1;
  return randomHex(CALLDATA_EDGE_LENGTHS[nonEmptyOrdinal] ?? randomInt(1, 100));
}

function generateWithdrawal(index) {
  const alicePrivateKey = randomPrivateKey();
  const bobPrivateKey = randomPrivateKey();
  const withdrawData = {
    channelAddress: randomAddress(),
    assetId: chance(1, 4) ? ZeroAddress : randomAddress(),
    recipient: randomAddress(),
    amount: index === 1 ? MAX_UINT256 : randomUint256(),
    nonce: index === 2 ? MAX_UINT256 : randomUint256(),
    callTo: index % 3 === 0 ? ZeroAddress : randomAddress(),
    callData: callDataFor(index),
  };
  const encoded = abi.encode([WITHDRAW_DATA], [withdrawData]);
  const withdrawDataHash = keccak256(encoded);
  const commitment = commitmentHash(COMMITMENT_TYPE_WITHDRAW, withdrawDataHash);
  const digest = signedMessageDigest(commitment);
  return {
    alicePrivateKey,
    bobPrivateKey,
    withdrawData: { ...withdrawData, amount: dec(withdrawData.amount), nonce: dec(withdrawData.nonce) },
    encoded,
    withdrawDataHash,
    commitment,
    digest,
    aliceSignature: sign(alicePrivateKey, computeAddress(alicePrivateKey), digest),
    bobSignature: sign(bobPrivateKey, computeAddress(bobPrivateKey), digest),
  };
}

// ---------------------------------------------------------------------------
// Self-checks on the reference itself
// ---------------------------------------------------------------------------

/** Known-answer checks so a broken primitive cannot silently produce vectors. */
function checkKnownAnswers() {
  // EIP-55 reference vectors.
  for (const address of ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"]) {
    if (getAddress(address.toLowerCase()) !== address) throw new Error(`EIP-55 check failed for ${address}`);
  }
  // keccak256 of the empty string.
  if (keccak256("0x") !== "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470") {
    throw new Error("keccak256 known answer failed");
  }
  // Prefix is exactly 0x16 followed by the ASCII text (26 bytes in total).
  if (hexlify(VECTOR_MESSAGE_PREFIX).slice(0, 4) !== "0x16" || VECTOR_MESSAGE_PREFIX.length !== 26) {
    throw new Error("message prefix is not 0x16 + 'Vector Signed Message:\\n32'");
  }
}

function assertCoverage(output) {
  const states = output.channelStates;
  const maxString = dec(MAX_UINT256);
  const statesWithMax = states.filter((s) => s.state.balances.some((b) => b.amount.includes(maxString))).length;
  const counts = states.map((s) => s.transfers.length);
  const checks = {
    "addresses >= 50": output.addresses.length >= 50,
    "channelStates >= 220": states.length >= 220,
    "transferIds >= 200": output.transferIds.length >= 200,
    "hashlocks >= 50": output.hashlocks.length >= 50,
    "withdrawals >= 50": output.withdrawals.length >= 50,
    "max uint256 balance in >= 10% of states": statesWithMax * 10 >= states.length,
    "transfer counts 0,1,2,3 present": [0, 1, 2, 3].every((n) => counts.includes(n)),
    ">= 12 states with >= 30 transfers": counts.filter((n) => n >= 30).length >= 12,
    "zero-address asset present": states.some((s) => s.state.assetIds.includes(ZeroAddress)),
    "max uint256 transfer timeout present": output.transferIds.some((t) => t.transferTimeout === maxString),
    "empty withdraw callData present": output.withdrawals.some((w) => w.withdrawData.callData === "0x"),
    "zero withdraw callTo present": output.withdrawals.some((w) => w.withdrawData.callTo === ZeroAddress),
  };
  const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([name]) => name);
  if (failed.length > 0) throw new Error(`coverage checks failed: ${failed.join("; ")}`);
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function merkletreejsVersion() {
  const require = createRequire(import.meta.url);
  // merkletreejs does not export its package.json; locate it next to dist/.
  const packageJson = join(dirname(require.resolve("merkletreejs")), "..", "package.json");
  return JSON.parse(readFileSync(packageJson, "utf8")).version;
}

function generate(count, fn) {
  return Array.from({ length: count }, (_, i) => fn(i));
}

function main() {
  const outputPath = process.argv[2];
  if (!outputPath) {
    console.error("usage: node generate-vectors.mjs <output.json>");
    process.exit(2);
  }
  checkKnownAnswers();

  const output = {
    generator: `ethers ${ethersVersion} + merkletreejs ${merkletreejsVersion()}`,
    addresses: generateAddresses(64),
    channelStates: generate(240, generateChannelState),
    transferIds: generate(220, generateTransferIdVector),
    hashlocks: generate(64, generateHashlock),
    withdrawals: generate(64, generateWithdrawal),
    channelAddresses: generate(32, generateChannelAddress),
    resolverCommitments: generate(32, generateResolverCommitment),
  };
  assertCoverage(output);

  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, JSON.stringify(output, null, 2) + "\n");
}

main();
