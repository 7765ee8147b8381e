// The signed channel read (channel-core's SignedRead): a channel's states carry both signatures, so
// the gateway shows them only to the channel's payer, who proves itself per request with
//   TOLLGATE-AUTH: <unixSeconds>.<0x r‖s‖v>
// signed over keccak256("\x19Tollgate read:\n" ‖ METHOD ‖ " " ‖ pathAndQuery ‖ "\n" ‖
// channelAddress (20 bytes) ‖ uint256(unixSeconds)). Its own prefix, so it is never a state signature.
import { concat, keccak256, toBeHex, toUtf8Bytes, zeroPadValue } from 'ethers';
import { signDigest } from './signatures.mjs';
import { address as readAddress } from './values.mjs';

export const SIGNED_READ_HEADER = 'TOLLGATE-AUTH';

const READ_PREFIX = toUtf8Bytes('\x19Tollgate read:\n');

/** The digest the channel's payer signs to read `method pathAndQuery` of `channel` at `unixSeconds`. */
export function readDigest(method, pathAndQuery, channel, unixSeconds) {
  if (!/^[A-Z]+$/.test(method ?? '')) throw new TypeError(`method must be upper-case letters, got '${method}'`);
  if (typeof pathAndQuery !== 'string' || !/^\/[\x21-\x7e]*$/.test(pathAndQuery)) {
    throw new TypeError(`pathAndQuery must start with '/' and be printable ASCII without spaces, got '${pathAndQuery}'`);
  }
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) {
    throw new TypeError(`unixSeconds must be a non-negative whole number, got ${unixSeconds}`);
  }
  return keccak256(
    concat([
      READ_PREFIX,
      toUtf8Bytes(`${method} ${pathAndQuery}\n`),
      readAddress(channel, 'channel'),
      zeroPadValue(toBeHex(BigInt(unixSeconds)), 32),
    ]),
  );
}

/** The TOLLGATE-AUTH value for reading `url` (its path and query as fetch sends them) of `channel`. */
export function signedReadHeader(privateKey, method, url, channel, unixSeconds) {
  const { pathname, search } = new URL(url);
  const digest = readDigest(method, pathname + search, channel, unixSeconds);
  return `${unixSeconds}.${signDigest(privateKey, digest)}`;
}
