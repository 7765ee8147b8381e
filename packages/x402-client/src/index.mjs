// @tollgate/x402-client: pay x402 `vector-hashlock` requirements from a Tollgate state channel.
export { VectorHashlockClient } from './scheme.mjs';
export { walletFunding } from './funding.mjs';
export { PayerError, PayerErrors } from './payer/errors.mjs';
export { MemoryStorage } from './payer/store.mjs';
export { SCHEME, payerLockHash, payerLockPreImage } from './protocol/index.mjs';
