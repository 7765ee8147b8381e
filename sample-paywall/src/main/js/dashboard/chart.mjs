// The revenue-over-time chart as inline SVG markup: one bar per bucket of the operator's revenue
// answer, a y axis in whole token units (TEST, not base units) and time labels under the bars.
// Pure string building, so node tests can read the bars back; every text is escaped.
import { formatFixed, formatUnits } from '../format/amounts.mjs';

const WIDTH = 960;
const HEIGHT = 280;
const MARGIN = { top: 30, right: 12, bottom: 34, left: 72 };
const MAX_X_LABELS = 8;

export function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * A round top for the y axis, at least `max`, in base units: 1, 2, 2.5 or 5 times a power of
 * ten per tick, `ticks` ticks. Zero revenue still gets an axis of one smallest step per tick.
 */
export function niceScale(max, ticks = 4) {
  const target = max <= 0n ? BigInt(ticks) : max;
  let power = 1n;
  while (power * 10n * BigInt(ticks) <= target) power *= 10n;
  for (;;) {
    for (const [num, den] of [[1n, 1n], [2n, 1n], [5n, 2n], [5n, 1n]]) {
      const step = (power * num) / den;
      if (step > 0n && step * BigInt(ticks) >= target) return { step, top: step * BigInt(ticks), ticks };
    }
    power *= 10n;
  }
}

/** "14:05" for buckets under a day, "Nov 21" for day buckets; local time unless a zone is given. */
export function timeLabel(epochSeconds, bucketSeconds, timeZone) {
  const date = new Date(epochSeconds * 1000);
  const options =
    bucketSeconds >= 86400
      ? { month: 'short', day: 'numeric', timeZone }
      : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone };
  return new Intl.DateTimeFormat('en-GB', options).format(date);
}

/**
 * @param revenue the operator revenue answer: {total, payments, bucketSeconds, buckets:[{start, amount, payments}]}
 * @param options {decimals, symbol, timeZone}
 */
export function revenueChartSvg(revenue, { decimals, symbol, timeZone } = {}) {
  const buckets = Array.isArray(revenue?.buckets) ? revenue.buckets : [];
  const amounts = buckets.map((b) => BigInt(b.amount ?? '0'));
  const max = amounts.reduce((m, a) => (a > m ? a : m), 0n);
  const scale = niceScale(max);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const baseY = MARGIN.top + plotH;
  const parts = [];

  for (let i = 0; i <= scale.ticks; i++) {
    const value = scale.step * BigInt(i);
    const y = baseY - (plotH * i) / scale.ticks;
    parts.push(`<line class="${i === 0 ? 'axis' : 'grid'}" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}"/>`);
    parts.push(
      `<text class="y-label" x="${MARGIN.left - 10}" y="${y + 4}" text-anchor="end">${escapeXml(formatUnits(value, decimals, 0))}</text>`,
    );
  }
  parts.push(`<text class="axis-title" x="${MARGIN.left - 10}" y="${MARGIN.top - 16}" text-anchor="end">${escapeXml(symbol)}</text>`);

  const slot = buckets.length > 0 ? plotW / buckets.length : plotW;
  const barW = Math.max(1, slot * 0.72);
  const labelEvery = Math.max(1, Math.ceil(buckets.length / MAX_X_LABELS));
  buckets.forEach((bucket, i) => {
    const x = MARGIN.left + slot * i + (slot - barW) / 2;
    const amount = amounts[i];
    const h = scale.top > 0n ? Number((amount * 10_000n) / scale.top) / 10_000 * plotH : 0;
    const label = timeLabel(bucket.start, revenue.bucketSeconds, timeZone);
    const tip = `${label}: ${formatFixed(amount, decimals, 6)} ${symbol}, ${bucket.payments ?? 0} payment${bucket.payments === 1 ? '' : 's'}`;
    if (amount > 0n) {
      parts.push(
        `<rect class="bar" x="${round(x)}" y="${round(baseY - h)}" width="${round(barW)}" height="${round(h)}" rx="2" ` +
          `data-start="${escapeXml(bucket.start)}" data-amount="${escapeXml(amount.toString())}"><title>${escapeXml(tip)}</title></rect>`,
      );
    }
    if (i % labelEvery === 0) {
      parts.push(`<text class="x-label" x="${round(x + barW / 2)}" y="${baseY + 20}" text-anchor="middle">${escapeXml(label)}</text>`);
    }
  });
  if (buckets.length === 0) {
    parts.push(`<text class="empty" x="${MARGIN.left + plotW / 2}" y="${MARGIN.top + plotH / 2}" text-anchor="middle">No revenue data yet</text>`);
  }

  const total = formatFixed(revenue?.total ?? '0', decimals, 6);
  const aria = `Revenue over time: ${total} ${symbol} in ${buckets.length} buckets`;
  return (
    `<svg class="revenue-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(aria)}" ` +
    `xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`
  );
}

const round = (n) => Math.round(n * 100) / 100;
