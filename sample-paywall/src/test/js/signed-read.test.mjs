// The browser payer's signed channel reads (TOLLGATE-AUTH) against channel-core's SignedReadTest
// vector, byte for byte, and the payer sending one on every read and catch-up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Payer } from '@tollgate/x402-client/payer/payer.mjs';
import { MemoryStorage } from '@tollgate/x402-client/payer/store.mjs';
import { readDigest, recoverSigner, signedReadHeader, addressOfKey } from '@tollgate/x402-client/protocol';
import { FakeStack, GATEWAY_URL, SITE_URL } from './support/fake-stack.mjs';

// channel-core/src/test/java/dev/tollgate/core/read/SignedReadTest.java: the same key, request,
// channel and time, and the digest and signature that test holds Java to.
const KEY = '0x' + '01'.repeat(32);
const CHANNEL = '0x1111111111111111111111111111111111111111';
const PATH = `/channels/${CHANNEL}/updates?after=3&limit=100`;
const SECONDS = 1_700_000_000;
const DIGEST = '0x9b980ceea376813b5d83dc2f534adccfd9d554eb1573fdd3f6da38a91122006b';
const SIGNATURE =
  '0x7dc28bd553c6a53a29824250d30d78450fd09a312ed3890be7489f52bf28bbd9' +
  '2cf498a90d5f4a0da63acbec4d3ad02de240e27122ab84b610a04b65b03c67de1c';

describe('the signed read', () => {
  test("digest and header are channel-core's, byte for byte", () => {
    assert.equal(readDigest('GET', PATH, CHANNEL, SECONDS), DIGEST);
    assert.equal(signedReadHeader(KEY, 'GET', `${GATEWAY_URL}${PATH}`, CHANNEL, SECONDS), `${SECONDS}.${SIGNATURE}`);
    assert.equal(recoverSigner(DIGEST, SIGNATURE), addressOfKey(KEY));
  });

  test('every signed field changes the digest', () => {
    const base = readDigest('GET', PATH, CHANNEL, SECONDS);
    assert.notEqual(readDigest('POST', PATH, CHANNEL, SECONDS), base);
    assert.notEqual(readDigest('GET', `/channels/${CHANNEL}`, CHANNEL, SECONDS), base);
    assert.notEqual(readDigest('GET', PATH.replace('after=3', 'after=4'), CHANNEL, SECONDS), base);
    assert.notEqual(readDigest('GET', PATH, '0x2222222222222222222222222222222222222222', SECONDS), base);
    assert.notEqual(readDigest('GET', PATH, CHANNEL, SECONDS + 1), base);
  });

  test('bad parts are refused naming them', () => {
    assert.throws(() => readDigest('get', PATH, CHANNEL, SECONDS), /upper-case.*'get'/);
    assert.throws(() => readDigest('GET', 'channels/x', CHANNEL, SECONDS), /start with '\/'.*channels\/x/);
    assert.throws(() => readDigest('GET', PATH, CHANNEL, -1), /got -1/);
  });
});

describe('the payer signs its reads', () => {
  test('connect, open and catch up: every channel read carries a TOLLGATE-AUTH the gateway accepts', async () => {
    const stack = new FakeStack({ confirmAfter: 1 });
    const storage = new MemoryStorage();
    const options = { gatewayUrl: GATEWAY_URL, siteUrl: SITE_URL, storage, fetch: stack.fetch, clock: stack.clock, sleep: async () => {} };
    const payer = await new Payer(options).connect();
    await payer.openChannel();
    // a second tab of the same reader restores from the gateway's history
    const restored = await new Payer({ ...options, storage: copyWithoutChannel(storage, payer.channelAddress) }).connect();

    const reads = stack.requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname.startsWith('/channels/'));
    assert.ok(reads.length >= 3, `${reads.length} channel reads`);
    for (const r of reads) assert.ok(r.headers.get('TOLLGATE-AUTH'), `${r.url} is signed`);
    assert.equal(restored.channel.nonce, payer.channel.nonce);
  });

  test("a read without the payer's key is refused as the gateway refuses a stranger", async () => {
    const stack = new FakeStack({ confirmAfter: 1 });
    const payer = await new Payer({ gatewayUrl: GATEWAY_URL, siteUrl: SITE_URL, storage: new MemoryStorage(), fetch: stack.fetch, clock: stack.clock, sleep: async () => {} }).connect();
    await payer.openChannel();
    const bare = await stack.fetch(`${GATEWAY_URL}/channels/${payer.channelAddress}`);
    assert.equal(bare.status, 401);
    const stranger = signedReadHeader('0x' + '02'.repeat(32), 'GET', `${GATEWAY_URL}/channels/${payer.channelAddress}`, payer.channelAddress, payer.now());
    const forged = await stack.fetch(`${GATEWAY_URL}/channels/${payer.channelAddress}`, { headers: { 'TOLLGATE-AUTH': stranger } });
    assert.equal(forged.status, 401);
  });
});

/** The storage with the reader's key but not its channel, as a new tab of the same reader. */
function copyWithoutChannel(storage, channelAddress) {
  const copy = new MemoryStorage();
  for (const [k, v] of storage.items) if (!k.includes(channelAddress) && !k.includes(channelAddress.toLowerCase())) copy.setItem(k, v);
  return copy;
}
