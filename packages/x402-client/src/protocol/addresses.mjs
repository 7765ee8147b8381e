// Where a channel lives before and after it is deployed (channel-core's ChannelAddresses): the
// CREATE2 address the factory gives the EIP-1167 proxy of the mastercopy for (alice, bob) on one
// chain. Knowing it off chain is what lets a payer deposit before the channel contract exists.
import { concat, getAddress, getCreate2Address, keccak256, solidityPackedKeccak256 } from 'ethers';

const PROXY_PREFIX = '0x3d602d80600a3d3981f3363d3d373d3d3d363d73';
const PROXY_SUFFIX = '0x5af43d82803e903d91602b57fd5bf3';

/** EIP-55 form of any 20-byte hex address (throws for a mixed-case input with a bad checksum). */
export function checksumAddress(address) {
  return getAddress(address);
}

export function proxyCreationCode(mastercopy) {
  return concat([PROXY_PREFIX, getAddress(mastercopy), PROXY_SUFFIX]).toLowerCase();
}

/** keccak256(abi.encodePacked(alice, bob, chainId)). */
export function channelSalt(alice, bob, chainId) {
  if (!(Number.isSafeInteger(chainId) && chainId > 0)) {
    throw new RangeError(`chainId must be a positive integer, got ${chainId}`);
  }
  return solidityPackedKeccak256(['address', 'address', 'uint256'], [alice, bob, BigInt(chainId)]);
}

/** The address factory.getChannelAddress(alice, bob) returns. */
export function channelAddress(factory, mastercopy, alice, bob, chainId) {
  return getCreate2Address(
    getAddress(factory),
    channelSalt(alice, bob, chainId),
    keccak256(proxyCreationCode(mastercopy)),
  );
}
