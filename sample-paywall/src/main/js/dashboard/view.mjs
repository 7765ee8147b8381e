// Draws the dashboard data into the page the site serves: the revenue chart and its totals in
// #revenue-chart, the #channels, #payments and #disputes tables (each tbody holds data rows only;
// an empty table says so below itself), an error banner (#dashboard-error) and the time of the
// last refresh (#dashboard-updated).
import { formatFixed } from '../format/amounts.mjs';
import { revenueChartSvg } from './chart.mjs';
import { CHANNEL_COLUMNS, DISPUTE_COLUMNS, PAYMENT_COLUMNS, channelRows, dateTime, disputeRows, paymentRows } from './tables.mjs';

export class DashboardView {
  constructor(document) {
    this.doc = document;
    this.chart = document.getElementById('revenue-chart');
    this.banner = this.ensure('dashboard-error', 'div', 'tollgate-error dashboard-error', { role: 'alert', hidden: '' });
    this.updated = this.ensure('dashboard-updated', 'p', 'dashboard-updated', {});
  }

  /** An element the page may or may not provide, placed before the chart. */
  ensure(id, tag, className, attributes) {
    let element = this.doc.getElementById(id);
    if (!element) {
      element = this.doc.createElement(tag);
      element.id = id;
      element.className = className;
      for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
      const anchor = this.chart ?? this.doc.querySelector('main') ?? this.doc.body;
      if (anchor === this.chart && anchor.parentNode) anchor.parentNode.insertBefore(element, anchor);
      else anchor.prepend(element);
    }
    return element;
  }

  error(message) {
    this.banner.textContent = message ?? '';
    this.banner.hidden = !message;
    if (this.chart) this.chart.dataset.state = message ? 'error' : 'ok';
  }

  render(data, now = new Date()) {
    const decimals = Number.isInteger(data.assetDecimals) ? data.assetDecimals : 6;
    const symbol = data.assetSymbol || 'TEST';
    const context = { asset: data.asset, decimals, symbol };
    if (this.chart) this.renderChart(data.revenue ?? {}, context);
    this.table('channels', CHANNEL_COLUMNS, channelRows(data.channels?.channels, context), 'No channels yet.');
    this.table('payments', PAYMENT_COLUMNS, paymentRows(data.payments?.payments, context), 'No payments yet.');
    this.table('disputes', DISPUTE_COLUMNS, disputeRows(data.disputes?.disputes), 'No open disputes.');
    this.updated.textContent = `Updated ${dateTime(now.getTime())} · refreshes every 5 seconds`;
    this.doc.body.dataset.dashboardRefreshes = String(Number(this.doc.body.dataset.dashboardRefreshes ?? 0) + 1);
  }

  renderChart(revenue, { decimals, symbol }) {
    const d = this.doc;
    const total = revenue.total ?? '0';
    const hours = revenue.to && revenue.from ? Math.round((revenue.to - revenue.from) / 3600) : null;
    const summary = d.createElement('div');
    summary.className = 'chart-summary';
    summary.append(
      figure(d, 'revenue-total', `${formatFixed(total, decimals, 6)} ${symbol}`, hours ? `Revenue, last ${hours} h` : 'Revenue', {
        'data-base-units': String(total),
      }),
      figure(d, 'revenue-payments', String(revenue.payments ?? 0), 'Payments', { 'data-count': String(revenue.payments ?? 0) }),
    );
    const plot = d.createElement('div');
    plot.className = 'chart-plot';
    // The markup is built by revenueChartSvg with every text escaped.
    plot.innerHTML = revenueChartSvg(revenue, { decimals, symbol });
    const heading = this.chart.querySelector('h2');
    this.chart.replaceChildren(...(heading ? [heading] : []), summary, plot);
  }

  table(id, columns, rows, emptyText) {
    const table = this.doc.getElementById(id);
    if (!table) return;
    const d = this.doc;
    const head = d.createElement('thead');
    const headRow = d.createElement('tr');
    for (const [title, className] of columns) {
      const th = d.createElement('th');
      th.textContent = title;
      if (className) th.className = className;
      headRow.append(th);
    }
    head.append(headRow);
    table.tHead ? table.tHead.replaceWith(head) : table.prepend(head);
    let body = table.tBodies[0];
    if (!body) {
      body = d.createElement('tbody');
      table.append(body);
    }
    body.replaceChildren(...rows.map((row) => tableRow(d, row)));
    let empty = table.nextElementSibling?.classList?.contains('table-empty') ? table.nextElementSibling : null;
    if (!empty) {
      empty = d.createElement('p');
      empty.className = 'table-empty';
      table.after(empty);
    }
    empty.textContent = emptyText;
    empty.hidden = rows.length > 0;
  }
}

function figure(d, id, value, label, attributes) {
  const box = d.createElement('div');
  box.className = 'chart-figure';
  const v = d.createElement('span');
  v.id = id;
  v.textContent = value;
  for (const [k, val] of Object.entries(attributes)) v.setAttribute(k, val);
  const l = d.createElement('span');
  l.className = 'label';
  l.textContent = label;
  box.append(l, v);
  return box;
}

function tableRow(d, row) {
  const tr = d.createElement('tr');
  for (const [k, v] of Object.entries(row.attributes)) if (v !== undefined && v !== null) tr.setAttribute(k, String(v));
  for (const cell of row.cells) {
    const td = d.createElement('td');
    if (cell.className) td.className = cell.className;
    if (cell.title) td.title = cell.title;
    if (cell.badge) {
      const span = d.createElement('span');
      span.className = `badge ${cell.badge}`;
      span.textContent = cell.text;
      td.append(span);
    } else {
      td.textContent = cell.text;
    }
    tr.append(td);
  }
  return tr;
}
