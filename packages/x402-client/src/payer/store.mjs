// The payer's own records, in a Storage (the browser's localStorage, or a Map-backed stand-in):
// its channel key, its channel per channel address, and a deposit it has made on chain but not
// yet had reconciled. Stored channels are read back through the strict JSON reader.
import { randomBytes, hexlify } from 'ethers';
import { SECP256K1_N, readChannel } from '../protocol/index.mjs';

const KEY = 'tollgate:key';
const channelKey = (address) => `tollgate:channel:${address}`;
const depositKey = (address) => `tollgate:deposit:${address}`;
const orphanKey = (address) => `tollgate:orphaned:${address}`;

export class PayerStore {
  constructor(storage, random = randomBytes) {
    this.storage = storage;
    this.random = random;
  }

  /** The channel key, created on first use: 32 random bytes below the curve order. */
  privateKey() {
    const stored = this.storage.getItem(KEY);
    if (stored && /^0x[0-9a-f]{64}$/.test(stored)) return stored;
    for (;;) {
      const candidate = hexlify(this.random(32));
      const k = BigInt(candidate);
      if (k > 0n && k < SECP256K1_N) {
        this.storage.setItem(KEY, candidate);
        return candidate;
      }
    }
  }

  channel(address) {
    const json = this.storage.getItem(channelKey(address));
    if (!json) return null;
    try {
      return readChannel(JSON.parse(json), 'stored channel');
    } catch {
      // A damaged record is set aside, not trusted: the gateway's history restores the channel.
      this.orphan(address);
      return null;
    }
  }

  saveChannel(channel) {
    this.storage.setItem(channelKey(channel.channelAddress), JSON.stringify(channel));
  }

  /**
   * Sets a channel record aside (kept, never deleted): the gateway no longer knows the channel,
   * as after a restart of the local stack.
   */
  orphan(address) {
    const json = this.storage.getItem(channelKey(address));
    if (json) this.storage.setItem(orphanKey(address), json);
    this.storage.removeItem(channelKey(address));
    this.storage.removeItem(depositKey(address));
  }

  pendingDeposit(address) {
    const json = this.storage.getItem(depositKey(address));
    return json ? JSON.parse(json) : null;
  }

  savePendingDeposit(address, deposit) {
    this.storage.setItem(depositKey(address), JSON.stringify(deposit));
  }

  clearPendingDeposit(address) {
    this.storage.removeItem(depositKey(address));
  }
}

/** A Storage over a Map, for node and for browsers that refuse localStorage. */
export class MemoryStorage {
  constructor() {
    this.items = new Map();
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}
