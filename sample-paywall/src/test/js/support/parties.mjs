// Two parties of one channel for the tests: a gateway (alice) and a payer (bob) with fixed keys,
// on a made-up network. Both sides run this package's protocol code, so a test can play either.
import { getAddress, keccak256, sha256, toUtf8Bytes } from 'ethers';
import {
  addressOfKey,
  channelAddress,
  defaultRules,
  hashlockLockHash,
  unopenedChannel,
} from '@tollgate/x402-client/protocol';

export const key = (label) => keccak256(toUtf8Bytes(`tollgate/sample-paywall/test/${label}`));
const addr = (label) => getAddress('0x' + keccak256(toUtf8Bytes(label)).slice(26));

export const GATEWAY_KEY = key('gateway');
export const PAYER_KEY = key('payer');
export const GATEWAY = addressOfKey(GATEWAY_KEY);
export const PAYER = addressOfKey(PAYER_KEY);
export const TOKEN = addr('token');
export const HASHLOCK = addr('hashlock');
export const MASTERCOPY = addr('mastercopy');
export const NETWORK = Object.freeze({
  chainId: 31337,
  channelFactoryAddress: addr('factory'),
  transferRegistryAddress: addr('registry'),
});
export const RULES = defaultRules(HASHLOCK);
export const CHANNEL_TIMEOUT = '172800';
export const TRANSFER_TIMEOUT = '86400';

export function channelFor(payer = PAYER) {
  const address = channelAddress(NETWORK.channelFactoryAddress, MASTERCOPY, GATEWAY, payer, NETWORK.chainId);
  return unopenedChannel(address, GATEWAY, payer, NETWORK);
}

/** A preimage and its lockHash, as the gateway's quote derives them. */
export function lock(label) {
  const preImage = sha256(toUtf8Bytes(`preimage/${label}`));
  return { preImage, lockHash: hashlockLockHash(preImage) };
}

export function createParams(amount, lockHash, expiry = '0', payer = PAYER) {
  return {
    type: 'create',
    assetId: TOKEN,
    balance: { amount: [amount, '0'], to: [payer, GATEWAY] },
    transferDefinition: HASHLOCK,
    transferTimeout: TRANSFER_TIMEOUT,
    transferInitialState: { lockHash, expiry },
  };
}
