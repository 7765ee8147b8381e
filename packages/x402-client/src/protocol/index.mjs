// Tollgate's channel protocol for JavaScript payers: the same encodings, hashes, signatures and
// update rules as channel-core, on channel-core's JSON forms. Pure (no DOM, no network); depends
// only on ethers.
export * from './abi.mjs';
export * from './addresses.mjs';
export * from './applier.mjs';
export * from './balances.mjs';
export * from './builder.mjs';
export * from './errors.mjs';
export * from './hashes.mjs';
export * from './hashlock.mjs';
export * from './json.mjs';
export * from './merkle.mjs';
export * from './party.mjs';
export * from './payer-lock.mjs';
export * from './reads.mjs';
export * from './rules.mjs';
export * from './signatures.mjs';
export * from './values.mjs';
export * from './x402.mjs';
