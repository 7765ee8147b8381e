// The dashboard's chart and table rows from operator answers shaped as the contract gives them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeXml, niceScale, revenueChartSvg } from '../../main/js/dashboard/chart.mjs';
import { channelRows, disputeRows, paymentRows } from '../../main/js/dashboard/tables.mjs';

const ASSET = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const revenue = {
  asset: ASSET,
  from: 1_763_700_000,
  to: 1_763_703_600,
  bucketSeconds: 300,
  total: '7500',
  payments: 5,
  buckets: Array.from({ length: 12 }, (_, i) => ({
    start: 1_763_700_000 + i * 300,
    amount: i === 3 ? '4500' : i === 7 ? '3000' : '0',
    payments: i === 3 ? 3 : i === 7 ? 2 : 0,
  })),
};

test('one bar per bucket with revenue, heights in proportion, axis labels in TEST', () => {
  const svg = revenueChartSvg(revenue, { decimals: 6, symbol: 'TEST', timeZone: 'UTC' });
  const bars = [...svg.matchAll(/<rect class="bar"[^>]*height="([\d.]+)"[^>]*data-amount="(\d+)"/g)];
  assert.equal(bars.length, 2);
  const [h1, h2] = bars.map((b) => Number(b[1]));
  assert.ok(Math.abs(h1 / h2 - 4500 / 3000) < 0.01, `bar heights ${h1} and ${h2} keep 3:2`);
  const yLabels = [...svg.matchAll(/<text class="y-label"[^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(yLabels, ['0', '0.002', '0.004', '0.006', '0.008']);
  assert.match(svg, /<text class="axis-title"[^>]*>TEST</);
  assert.match(svg, /<title>04:55: 0\.004500 TEST, 3 payments<\/title>/);
  assert.match(svg, /<text class="x-label"[^>]*>04:40</);
});

test('the y axis rounds up to 1, 2, 2.5 or 5 steps and survives zero revenue', () => {
  assert.deepEqual(niceScale(3000n), { step: 1000n, top: 4000n, ticks: 4 });
  assert.deepEqual(niceScale(4500n), { step: 2000n, top: 8000n, ticks: 4 });
  assert.deepEqual(niceScale(9000n), { step: 2500n, top: 10000n, ticks: 4 });
  assert.equal(niceScale(0n).top, 4n);
  assert.equal(niceScale(10_000_000n).top, 10_000_000n);
  const zeros = { ...revenue, total: '0', buckets: revenue.buckets.map((b) => ({ ...b, amount: '0', payments: 0 })) };
  const empty = revenueChartSvg(zeros, { decimals: 6, symbol: 'TEST' });
  assert.equal([...empty.matchAll(/class="bar"/g)].length, 0);
});

test('text in the chart is escaped', () => {
  assert.equal(escapeXml('<a href="x">&\''), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  assert.doesNotMatch(revenueChartSvg(revenue, { decimals: 6, symbol: '<b>' }), /<b>/);
});

test('payment rows: one per payment, keyed by transferId, amounts with six decimals', () => {
  const rows = paymentRows(
    [
      { transferId: '0x' + 'ab'.repeat(32), channelAddress: ASSET, payer: ASSET, asset: ASSET, amount: '1500', paidAt: 1_763_700_123_000 },
      { transferId: '0x' + 'cd'.repeat(32), channelAddress: ASSET, payer: ASSET, asset: ASSET, amount: '123456789', paidAt: 1_763_700_000_000 },
    ],
    { decimals: 6, symbol: 'TEST', timeZone: 'UTC' },
  );
  assert.equal(rows.length, 2);
  assert.equal(rows[0].attributes['data-transfer-id'], '0x' + 'ab'.repeat(32));
  assert.equal(rows[0].cells[0].text, '2025-11-21 04:42:03');
  assert.equal(rows[0].cells[1].text, '0.001500 TEST');
  assert.equal(rows[1].cells[1].text, '123.456789 TEST');
  assert.equal(rows[0].cells[4].title, '0x' + 'ab'.repeat(32));
});

test('channel rows pick the balance of the dashboard asset; disputes list their stage', () => {
  const rows = channelRows(
    [
      {
        channelAddress: '0x' + '11'.repeat(20),
        payer: '0x' + '22'.repeat(20),
        nonce: 8,
        updatedAt: 1_763_700_000_000,
        disputed: false,
        balances: [
          { asset: '0x' + '99'.repeat(20), gateway: '1', payer: '2', locked: '0' },
          { asset: ASSET.toLowerCase(), gateway: '4500', payer: '9995500', locked: '0' },
        ],
      },
    ],
    { asset: ASSET, decimals: 6, symbol: 'TEST', timeZone: 'UTC' },
  );
  assert.deepEqual(rows[0].cells.slice(2, 6).map((c) => c.text), ['8', '9.995500 TEST', '0.004500 TEST', '0.000000 TEST']);
  assert.equal(rows[0].cells[7].text, 'Open');
  const disputes = disputeRows([{ channelAddress: '0x' + '11'.repeat(20), stage: 'consensus', disputedNonce: 6 }]);
  assert.equal(disputes[0].attributes['data-stage'], 'consensus');
  assert.equal(disputes[0].cells[2].text, 'disputedNonce: 6');
});
