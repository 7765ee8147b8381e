// The reader's wallet box (#tollgate-wallet): the channel address, the balance (#balance, with the
// exact integer in data-base-units), a status line (#wallet-status, its state in data-state) and
// the "Open a channel" button (#open-channel). Rendering only: the widget decides what to show.
import { formatAmount } from '../format/amounts.mjs';
import { h, replaceChildren } from './dom.mjs';

export class WalletView {
  constructor(root, config, { onOpen, onTopUp }) {
    this.root = root;
    this.config = config;
    this.doc = root.ownerDocument;
    this.onOpen = onOpen;
    this.onTopUp = onTopUp;
    root.classList.add('tollgate-wallet');
    this.statusLine = h(
      this.doc,
      'span',
      { id: 'wallet-status', class: 'wallet-status', 'data-state': 'loading', role: 'status' },
      'Connecting…',
    );
    this.details = h(this.doc, 'dl', { class: 'wallet-details' });
    this.actions = h(this.doc, 'div', { class: 'wallet-actions' });
    this.errorLine = h(this.doc, 'p', { class: 'tollgate-error', role: 'alert', hidden: true });
    replaceChildren(
      root,
      h(this.doc, 'div', { class: 'wallet-header' }, h(this.doc, 'span', { class: 'wallet-title' }, 'Your wallet'), this.statusLine),
      this.details,
      this.actions,
      this.errorLine,
    );
  }

  amount(units) {
    return formatAmount(units, this.config.assetDecimals, this.config.assetSymbol);
  }

  /** `state`: loading | no-channel | busy | ready | error. */
  status(text, state = 'busy') {
    this.statusLine.textContent = text;
    this.statusLine.dataset.state = state;
  }

  error(message) {
    this.errorLine.textContent = message;
    this.errorLine.hidden = !message;
  }

  /** Redraws from the payer's channel: address, balance and the one action that makes sense. */
  show(payer, { busy = false } = {}) {
    const d = this.doc;
    const rows = [];
    if (payer?.channelAddress) {
      rows.push(
        h(d, 'dt', {}, 'Channel'),
        h(d, 'dd', {}, h(d, 'code', { id: 'channel-address', class: 'channel-address', title: payer.channelAddress }, payer.channelAddress)),
      );
    }
    if (payer?.hasChannel()) {
      const units = payer.balance().payer;
      rows.push(
        h(d, 'dt', {}, 'Balance'),
        h(d, 'dd', { id: 'balance', class: 'balance', 'data-base-units': units.toString() }, this.amount(units)),
      );
    }
    replaceChildren(this.details, rows);

    const buttons = [];
    if (payer && !payer.isFunded()) {
      const resuming = payer.hasChannel();
      const label = resuming ? 'Finish opening the channel' : 'Open a channel';
      const attributes = { id: 'open-channel', type: 'button', class: 'button button-primary', disabled: busy };
      buttons.push(h(d, 'button', { ...attributes, onclick: () => this.onOpen() }, label));
    } else if (payer && this.config.faucet) {
      const attributes = { id: 'top-up', type: 'button', class: 'button button-quiet', disabled: busy };
      buttons.push(h(d, 'button', { ...attributes, onclick: () => this.onTopUp() }, 'Add test tokens'));
    }
    if (payer && !payer.isFunded() && !busy) {
      const funding = this.config.faucet
        ? ` This demo site funds it with test ${this.config.assetSymbol} from its faucet.`
        : '';
      buttons.push(h(d, 'p', { class: 'wallet-hint' }, `A channel lets you pay for articles in one click.${funding}`));
    }
    replaceChildren(this.actions, buttons);
    if (busy) return;
    if (!payer) this.status('Offline', 'error');
    else if (!payer.hasChannel()) this.status('No channel yet', 'no-channel');
    else if (!payer.isFunded()) this.status('Channel open, not funded yet', 'no-channel');
    else this.status('Ready', 'ready');
  }
}
