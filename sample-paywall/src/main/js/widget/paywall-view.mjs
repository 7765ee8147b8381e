// The article's paywall (#paywall) and body (#article-body): the price with the "Pay … to read"
// button (#pay-button), progress, errors (.tollgate-error), and the article once paid for.
import { formatAmount } from '../format/amounts.mjs';
import { h, replaceChildren } from './dom.mjs';

export class PaywallView {
  constructor(paywall, body, config, { onPay }) {
    this.paywall = paywall;
    this.body = body;
    this.config = config;
    this.doc = paywall.ownerDocument;
    this.onPay = onPay;
    paywall.classList.add('tollgate-paywall');
  }

  amount(units) {
    return formatAmount(units, this.config.assetDecimals, this.config.assetSymbol);
  }

  state(name) {
    this.paywall.dataset.state = name;
  }

  loading() {
    this.state('loading');
    replaceChildren(this.paywall, h(this.doc, 'p', { class: 'paywall-note' }, 'Checking your access…'));
  }

  /** The price and the pay button; `error` (optional) explains why the reader is asked again. */
  price(requirement, { error = '', busy = false, status = '' } = {}) {
    const d = this.doc;
    const price = this.amount(requirement.amount);
    this.state(busy ? 'paying' : error ? 'error' : 'required');
    replaceChildren(
      this.paywall,
      h(
        d,
        'div',
        { class: 'paywall-box' },
        h(d, 'p', { class: 'paywall-lede' }, `Keep reading for ${price}`),
        h(d, 'p', { class: 'paywall-explain' },
          'Paid from your Tollgate channel in one click: no account, no card, no subscription. ' +
            'The payment settles off chain in milliseconds and this article stays yours.'),
        h(d, 'button', {
          id: 'pay-button',
          type: 'button',
          class: 'button button-primary button-large',
          'data-amount': requirement.amount,
          disabled: busy,
          onclick: () => this.onPay(),
        }, busy ? 'Paying…' : `Pay ${price} to read`),
        status ? h(d, 'p', { class: 'paywall-note', role: 'status' }, status) : null,
        error ? h(d, 'p', { class: 'tollgate-error', role: 'alert' }, error) : null,
      ),
    );
  }

  error(message) {
    this.state('error');
    const text = h(this.doc, 'p', { class: 'tollgate-error', role: 'alert' }, message);
    replaceChildren(this.paywall, h(this.doc, 'div', { class: 'paywall-box' }, text));
  }

  /**
   * The article, from the site's own JSON: its HTML is the publisher's, rendered as such. A
   * re-read (paid earlier, receipt cookie) says so.
   */
  article(content, { justPaid }) {
    this.body.innerHTML = content.html ?? '';
    this.body.dataset.paid = content.paid ? 'true' : 'false';
    this.state(justPaid ? 'paid' : 'reread');
    const note = justPaid
      ? `Paid. Thank you for supporting independent writing.`
      : 'You bought this article earlier: reading it again is free.';
    replaceChildren(this.paywall, h(this.doc, 'p', { class: 'paywall-note paywall-thanks' }, note));
  }
}
