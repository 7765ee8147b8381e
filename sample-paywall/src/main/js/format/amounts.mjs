// Token amounts for people: base units (integers, never floats) shown as decimal text.

function split(baseUnits, decimals) {
  const value = BigInt(baseUnits);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  return { negative, whole: digits.slice(0, digits.length - decimals), fraction: digits.slice(digits.length - decimals) };
}

/**
 * `baseUnits` with at least `minFraction` decimals and as many more as it needs, never rounded:
 * 9997000 at 6 decimals → "9.9970", 9998750 → "9.99875". A balance is never shown larger than it is.
 */
export function formatUnits(baseUnits, decimals, minFraction = 4) {
  const { negative, whole, fraction } = split(baseUnits, decimals);
  let shown = fraction.replace(/0+$/, '');
  if (shown.length < Math.min(minFraction, decimals)) shown = fraction.slice(0, Math.min(minFraction, decimals));
  return `${negative ? '-' : ''}${whole}${shown ? `.${shown}` : ''}`;
}

/** Exactly `fraction` decimals (cut, not rounded): the dashboard's fixed columns. */
export function formatFixed(baseUnits, decimals, fraction = 6) {
  const { negative, whole, fraction: f } = split(baseUnits, decimals);
  const shown = f.padEnd(fraction, '0').slice(0, fraction);
  return `${negative ? '-' : ''}${whole}${fraction > 0 ? `.${shown}` : ''}`;
}

export function formatAmount(baseUnits, decimals, symbol, minFraction = 4) {
  return `${formatUnits(baseUnits, decimals, minFraction)} ${symbol}`;
}

/** 0x1234…abcd: enough to recognise an address or id at a glance; the full value goes in a title. */
export function shortHex(hex, head = 6, tail = 4) {
  return typeof hex === 'string' && hex.length > head + tail + 1 ? `${hex.slice(0, head)}…${hex.slice(-tail)}` : String(hex ?? '');
}
