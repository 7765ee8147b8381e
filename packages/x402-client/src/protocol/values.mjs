// The value types of the channel protocol, in their channel-core JSON spelling: addresses EIP-55,
// bytes lowercase 0x-hex, uint256 decimal strings without leading zeros, nonces and chain ids
// plain numbers. Every reader validates strictly and names the bad field, so a malformed answer
// from the gateway (or a damaged stored channel) is refused instead of half-trusted.
import { getAddress } from 'ethers';
import { JsonFormatError } from './errors.mjs';

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
export const ZERO_BYTES32 = '0x' + '00'.repeat(32);
export const MAX_UINT256 = (1n << 256n) - 1n;
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = SECP256K1_N >> 1n;

/** `path.name`, or `name` at the top level. */
export function at(path, name) {
  return path ? `${path}.${name}` : name;
}

export function describe(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

export function required(object, name, path) {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    throw new JsonFormatError(path, `expected a JSON object, got ${describe(object)}`);
  }
  const value = object[name];
  if (value === undefined || value === null) {
    throw new JsonFormatError(at(path, name), 'is missing');
  }
  return value;
}

export function text(value, path) {
  if (typeof value !== 'string') {
    throw new JsonFormatError(path, `expected a string, got ${describe(value)}`);
  }
  return value;
}

/** An address as EIP-55; a mixed-case input with a wrong checksum is a typo, and refused. */
export function address(value, path) {
  text(value, path);
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new JsonFormatError(path, `an address is 0x followed by 40 hex digits: ${describe(value)}`);
  }
  try {
    return getAddress(value);
  } catch {
    throw new JsonFormatError(path, `address has a bad EIP-55 checksum: ${value}`);
  }
}

export function bytes32(value, path) {
  text(value, path);
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new JsonFormatError(path, `a bytes32 value is 0x followed by 64 hex digits: ${describe(value)}`);
  }
  return value.toLowerCase();
}

/** A uint256 as channel-core writes it: digits only, no leading zero, at most 2^256 - 1. */
export function uint(value, path) {
  text(value, path);
  if (!/^(0|[1-9][0-9]{0,77})$/.test(value) || BigInt(value) > MAX_UINT256) {
    throw new JsonFormatError(path, `uint256 must be a decimal string without leading zeros: ${describe(value)}`);
  }
  return value;
}

/** Nonces and chain ids: JSON numbers, non-negative integers a double holds exactly. */
export function integer(value, path) {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new JsonFormatError(path, `expected a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

/** 65 bytes r ‖ s ‖ v with v 27 or 28 and s in the lower half: the only form the contracts take. */
export function signature(value, path) {
  text(value, path);
  if (!/^0x[0-9a-fA-F]{130}$/.test(value)) {
    throw new JsonFormatError(path, `a signature is 65 bytes of 0x-hex: ${describe(value)}`);
  }
  const hex = value.toLowerCase();
  const r = BigInt('0x' + hex.slice(2, 66));
  const s = BigInt('0x' + hex.slice(66, 130));
  const v = parseInt(hex.slice(130), 16);
  if (v !== 27 && v !== 28) {
    throw new JsonFormatError(path, `signature v must be 27 or 28, got ${v}`);
  }
  if (r === 0n || r >= SECP256K1_N || s === 0n || s > HALF_N) {
    throw new JsonFormatError(path, 'signature r must be in range and s in the lower half of the curve order');
  }
  return hex;
}

export function array(value, path, element) {
  if (!Array.isArray(value)) {
    throw new JsonFormatError(path, `expected an array, got ${describe(value)}`);
  }
  return value.map((item, i) => element(item, `${path}[${i}]`));
}

/** Unsigned byte order of two equal-length lowercase hex strings: the merkle leaf order. */
export function compareHex(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
