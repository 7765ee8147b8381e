// The browser payer's protocol code against the shared cross-implementation vectors, the same
// file channel-core's Java tests read: every entry of every relevant section is checked, and a
// missing or empty file fails the run (it never skips).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  address as readAddress,
  addressOfKey,
  channelAddress,
  channelCommitment,
  channelDigest,
  channelSalt,
  checksumAddress,
  compareHex,
  encodeChannelState,
  encodeHashlockResolver,
  encodeHashlockState,
  encodeTransferState,
  encodeWithdrawData,
  hashlockInitialStateHash,
  hashlockLockHash,
  merkleRoot,
  proxyCreationCode,
  readCoreChannelState,
  readCoreTransferState,
  recoverSigner,
  resolverCommitment,
  signDigest,
  signedDigest,
  stateHash,
  transferId,
  transferStateHash,
  withdrawCommitment,
  withdrawDataHash,
} from '@tollgate/x402-client/protocol';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * The build passes TOLLGATE_VECTORS; run by hand without it, the vectors are generated afresh
 * (the generator is deterministic), so the checks still run.
 */
function loadVectors() {
  let file = process.env.TOLLGATE_VECTORS;
  if (!file) {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'tollgate-vectors-')), 'vectors.json');
    execFileSync(process.execPath, [path.join(root, 'channel-core/src/test/js/generate-vectors.mjs'), file]);
  }
  if (!existsSync(file)) throw new Error(`vectors file ${file} (TOLLGATE_VECTORS) does not exist`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const vectors = loadVectors();
const checked = {};

function section(name) {
  const entries = vectors[name];
  assert.ok(Array.isArray(entries) && entries.length > 0, `vectors section '${name}' is missing or empty`);
  return entries;
}

function count(name) {
  checked[name] = (checked[name] ?? 0) + 1;
}

after(() => {
  const total = Object.values(checked).reduce((a, b) => a + b, 0);
  console.log(`vector cases checked: ${total} ${JSON.stringify(checked)}`);
});

test('channel states: encoding, stateHash, commitment, digest, both signatures and signers', () => {
  for (const [i, v] of section('channelStates').entries()) {
    const where = `channelStates[${i}]`;
    assert.deepEqual(readCoreChannelState(v.state, where), v.state, `${where} reads back unchanged`);
    assert.equal(encodeChannelState(v.state), v.encoded, `${where}.encoded`);
    assert.equal(stateHash(v.state), v.stateHash, `${where}.stateHash`);
    assert.equal(channelCommitment(v.state), v.channelCommitment, `${where}.channelCommitment`);
    assert.equal(signedDigest(v.channelCommitment), v.digest, `${where}.digest`);
    assert.equal(channelDigest(v.state), v.digest, `${where}.digest from the state`);
    assert.equal(signDigest(v.alicePrivateKey, v.digest), v.aliceSignature, `${where}.aliceSignature`);
    assert.equal(signDigest(v.bobPrivateKey, v.digest), v.bobSignature, `${where}.bobSignature`);
    assert.equal(addressOfKey(v.alicePrivateKey), v.state.alice, `${where} alice's address`);
    assert.equal(recoverSigner(v.digest, v.aliceSignature), v.state.alice, `${where} alice recovers`);
    assert.equal(recoverSigner(v.digest, v.bobSignature), v.state.bob, `${where} bob recovers`);
    count('channelStates');
  }
});

test('transfers: encoding, transferStateHash, and the merkle root of each state', () => {
  for (const [i, v] of section('channelStates').entries()) {
    for (const [j, t] of v.transfers.entries()) {
      const where = `channelStates[${i}].transfers[${j}]`;
      const { encoded, transferStateHash: hash, ...core } = t;
      assert.deepEqual(readCoreTransferState(core, where), core, `${where} reads back unchanged`);
      assert.equal(encodeTransferState(t), encoded, `${where}.encoded`);
      assert.equal(transferStateHash(t), hash, `${where}.transferStateHash`);
      count('transfers');
    }
    const leaves = [...v.transfers].sort((a, b) => compareHex(a.transferId, b.transferId)).map(transferStateHash);
    assert.equal(merkleRoot(leaves), v.state.merkleRoot, `channelStates[${i}].state.merkleRoot (${leaves.length} leaves)`);
    count('merkleRoots');
  }
});

test('transfer ids', () => {
  for (const [i, v] of section('transferIds').entries()) {
    assert.equal(
      transferId(v.transferDefinition, v.channelAddress, v.transferTimeout, v.channelNonce),
      v.transferId,
      `transferIds[${i}]`,
    );
    count('transferIds');
  }
});

test('hashlock lock hashes, state and resolver encodings, initial state hashes', () => {
  for (const [i, v] of section('hashlocks').entries()) {
    const where = `hashlocks[${i}]`;
    assert.equal(hashlockLockHash(v.preImage), v.lockHash, `${where}.lockHash`);
    assert.equal(encodeHashlockState({ lockHash: v.lockHash, expiry: v.expiry }), v.encodedState, `${where}.encodedState`);
    assert.equal(hashlockInitialStateHash({ lockHash: v.lockHash, expiry: v.expiry }), v.initialStateHash, `${where}.initialStateHash`);
    assert.equal(encodeHashlockResolver({ preImage: v.preImage }), v.encodedResolver, `${where}.encodedResolver`);
    count('hashlocks');
  }
});

test('withdraw data: encoding, hash, commitment, digest, signatures', () => {
  for (const [i, v] of section('withdrawals').entries()) {
    const where = `withdrawals[${i}]`;
    assert.equal(encodeWithdrawData(v.withdrawData), v.encoded, `${where}.encoded`);
    assert.equal(withdrawDataHash(v.withdrawData), v.withdrawDataHash, `${where}.withdrawDataHash`);
    assert.equal(withdrawCommitment(v.withdrawData), v.commitment, `${where}.commitment`);
    assert.equal(signedDigest(v.commitment), v.digest, `${where}.digest`);
    assert.equal(signDigest(v.alicePrivateKey, v.digest), v.aliceSignature, `${where}.aliceSignature`);
    assert.equal(signDigest(v.bobPrivateKey, v.digest), v.bobSignature, `${where}.bobSignature`);
    count('withdrawals');
  }
});

test('channel addresses: salt, proxy creation code, CREATE2 address', () => {
  for (const [i, v] of section('channelAddresses').entries()) {
    const where = `channelAddresses[${i}]`;
    assert.equal(channelSalt(v.alice, v.bob, v.chainId), v.salt, `${where}.salt`);
    assert.equal(proxyCreationCode(v.mastercopy), v.proxyCreationCode, `${where}.proxyCreationCode`);
    assert.equal(channelAddress(v.factory, v.mastercopy, v.alice, v.bob, v.chainId), v.channelAddress, `${where}.channelAddress`);
    count('channelAddresses');
  }
});

test('resolver commitments', () => {
  for (const [i, v] of section('resolverCommitments').entries()) {
    assert.equal(resolverCommitment(v.transferId, v.encodedResolver), v.resolverCommitment, `resolverCommitments[${i}]`);
    count('resolverCommitments');
  }
});

test('EIP-55 addresses: checksummed, read back, a broken checksum refused', () => {
  for (const [i, v] of section('addresses').entries()) {
    const where = `addresses[${i}]`;
    assert.equal(checksumAddress(v.lower), v.checksummed, `${where} checksum`);
    assert.equal(readAddress(v.checksummed, where), v.checksummed, `${where} reads back`);
    assert.equal(readAddress(v.lower, where), v.checksummed, `${where} lowercase reads as EIP-55`);
    const letter = v.checksummed.slice(2).search(/[a-fA-F]/);
    const mixed = v.checksummed.slice(2) !== v.lower.slice(2) && v.checksummed.slice(2) !== v.lower.slice(2).toUpperCase();
    if (letter >= 0 && mixed) {
      const c = v.checksummed[letter + 2];
      const broken = v.checksummed.slice(0, letter + 2) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + v.checksummed.slice(letter + 3);
      assert.throws(() => readAddress(broken, where), /checksum/, `${where} with one letter's case flipped`);
    }
    count('addresses');
  }
});

test('the vectors yielded checked cases in every section', () => {
  for (const name of ['channelStates', 'transfers', 'merkleRoots', 'transferIds', 'hashlocks', 'withdrawals', 'channelAddresses', 'resolverCommitments', 'addresses']) {
    assert.ok((checked[name] ?? 0) > 0, `no ${name} vector was checked`);
  }
});
