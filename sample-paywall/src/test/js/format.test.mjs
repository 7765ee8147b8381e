import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAmount, formatFixed, formatUnits, shortHex } from '../../main/js/format/amounts.mjs';

test('balances show at least four decimals and every significant digit, never rounded', () => {
  assert.equal(formatUnits(9_997_000n, 6), '9.9970');
  assert.equal(formatUnits('10000000', 6), '10.0000');
  assert.equal(formatUnits(9_998_750n, 6), '9.99875');
  assert.equal(formatUnits(9_999_999n, 6), '9.999999');
  assert.equal(formatUnits(1500n, 6), '0.0015');
  assert.equal(formatUnits(0n, 6), '0.0000');
  assert.equal(formatUnits(5n, 0), '5');
  assert.equal(formatAmount(1500n, 6, 'TEST'), '0.0015 TEST');
  assert.equal(formatUnits((1n << 256n) - 1n, 18).split('.')[0], '115792089237316195423570985008687907853269984665640564039457');
});

test('the dashboard shows exactly six decimals', () => {
  assert.equal(formatFixed('1500', 6), '0.001500');
  assert.equal(formatFixed('123456789', 6), '123.456789');
  assert.equal(formatFixed('0', 6), '0.000000');
  assert.equal(formatFixed('1', 18), '0.000000');
  assert.equal(formatFixed('7', 2), '0.070000');
});

test('short hex keeps the head and the tail', () => {
  assert.equal(shortHex('0x1234567890abcdef1234567890abcdef12345678'), '0x1234…5678');
  assert.equal(shortHex('0x12'), '0x12');
});
