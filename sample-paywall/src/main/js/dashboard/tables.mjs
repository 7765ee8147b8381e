// The dashboard's tables as plain rows: each row its data attributes and cells ({text, title,
// className}), built from the operator answers the site relays. The DOM view only draws them.
import { formatFixed, shortHex } from '../format/amounts.mjs';

export const CHANNEL_COLUMNS = [
  ['Channel'],
  ['Payer'],
  ['Nonce', 'number'],
  ['Reader balance', 'amount'],
  ['Publisher balance', 'amount'],
  ['Locked', 'amount'],
  ['Updated'],
  ['Status'],
];
export const PAYMENT_COLUMNS = [['Paid at'], ['Amount', 'amount'], ['Payer'], ['Channel'], ['Transfer']];
export const DISPUTE_COLUMNS = [['Channel'], ['Stage'], ['Details']];

const hexCell = (value) => ({ text: shortHex(value), title: value ?? '', className: 'hex' });

/** Local date and time to the second, e.g. "2025-11-21 14:05:09". */
export function dateTime(epochMillis, timeZone) {
  if (!Number.isFinite(epochMillis)) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(new Date(epochMillis));
  const get = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export function paymentRows(payments, { decimals, symbol, timeZone }) {
  return (payments ?? []).map((p) => ({
    attributes: { 'data-transfer-id': p.transferId, 'data-amount': p.amount },
    cells: [
      { text: dateTime(p.paidAt, timeZone) },
      { text: `${formatFixed(p.amount ?? '0', decimals, 6)} ${symbol}`, className: 'amount' },
      hexCell(p.payer),
      hexCell(p.channelAddress),
      hexCell(p.transferId),
    ],
  }));
}

export function channelRows(channels, { asset, decimals, symbol, timeZone }) {
  const amount = (units) => ({ text: `${formatFixed(units ?? '0', decimals, 6)} ${symbol}`, className: 'amount' });
  return (channels ?? []).map((c) => {
    const balance = (c.balances ?? []).find((b) => sameAddress(b.asset, asset)) ?? (c.balances ?? [])[0] ?? {};
    return {
      attributes: { 'data-channel-address': c.channelAddress, 'data-disputed': c.disputed ? 'true' : 'false' },
      cells: [
        hexCell(c.channelAddress),
        hexCell(c.payer),
        { text: String(c.nonce ?? ''), className: 'number' },
        amount(balance.payer),
        amount(balance.gateway),
        amount(balance.locked),
        { text: dateTime(c.updatedAt, timeZone) },
        c.disputed ? { text: 'Disputed', badge: 'badge-alert' } : { text: 'Open', badge: 'badge-ok' },
      ],
    };
  });
}

export function disputeRows(disputes) {
  return (disputes ?? []).map((d) => {
    const { channelAddress, stage, ...rest } = d;
    const details = Object.entries(rest)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' · ');
    return {
      attributes: { 'data-channel-address': channelAddress, 'data-stage': stage },
      cells: [hexCell(channelAddress), { text: String(stage ?? ''), badge: 'badge-alert' }, { text: details }],
    };
  });
}

function sameAddress(a, b) {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}
