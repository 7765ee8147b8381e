// Wires the payer to the page: the wallet box on every page, the paywall on an article page.
// Each reader action runs one payer call and redraws from what it returns; errors become the
// sentences of messages.mjs.
import { PayerErrors } from '@tollgate/x402-client/payer/errors.mjs';
import { readerMessage } from './messages.mjs';
import { PaywallView } from './paywall-view.mjs';
import { WalletView } from './wallet-view.mjs';

export class WidgetController {
  /** @param createPayer () => Payer (not yet connected) */
  constructor(document, config, createPayer) {
    this.document = document;
    this.config = config;
    this.payer = createPayer();
    this.connected = null;
    this.busy = false;
    this.walletView = null;
    this.paywallView = null;
    this.paymentRequired = null;
  }

  async start() {
    const walletRoot = this.document.getElementById('tollgate-wallet');
    if (walletRoot) {
      this.walletView = new WalletView(walletRoot, this.config, {
        onOpen: () => this.openChannel(),
        onTopUp: () => this.topUp(),
      });
    }
    const article = this.document.getElementById('article');
    const paywall = this.document.getElementById('paywall');
    const body = this.document.getElementById('article-body');
    if (article && paywall && body && article.dataset.contentUrl) {
      this.contentUrl = article.dataset.contentUrl;
      this.paywallView = new PaywallView(paywall, body, this.config, { onPay: () => this.pay() });
    }
    const [connected] = await Promise.all([this.connect(), this.loadArticle()]);
    // A deposit made on chain but not reconciled yet (the page was closed while waiting).
    if (connected && this.payer.hasChannel() && this.payer.pendingDeposit()) await this.openChannel();
  }

  /** Connects once; a failed connection is tried again on the next reader action. */
  async connect() {
    if (!this.connected) {
      this.connected = this.payer.connect().then(
        () => true,
        (error) => {
          this.connected = null;
          throw error;
        },
      );
    }
    try {
      await this.connected;
      this.walletView?.show(this.payer);
      return true;
    } catch (error) {
      this.walletView?.show(null);
      this.walletView?.status('Gateway unreachable', 'error');
      this.walletView?.error(this.message(error));
      return false;
    }
  }

  message(error, extra = {}) {
    if (!(error?.code)) console.error('tollgate widget:', error);
    return readerMessage(error, { symbol: this.config.assetSymbol, decimals: this.config.assetDecimals, ...extra });
  }

  /** Runs one reader action at a time, with the wallet showing progress. */
  async action(run) {
    if (this.busy) return;
    this.busy = true;
    this.walletView?.error('');
    this.refreshPrice();
    try {
      if (!(await this.connect())) return;
      this.walletView?.show(this.payer, { busy: true });
      await run();
    } catch (error) {
      this.walletView?.error(this.message(error));
      this.walletView?.show(this.payer);
      if (this.walletView && error.code !== PayerErrors.DEPOSIT_NOT_CONFIRMED) this.walletView.status('Something went wrong', 'error');
      return;
    } finally {
      this.busy = false;
    }
    this.walletView?.show(this.payer);
    this.refreshPrice();
  }

  openChannel() {
    return this.action(() => this.payer.openChannel({ onStatus: (s) => this.walletView?.status(s) }));
  }

  topUp() {
    return this.action(() => this.payer.deposit({ onStatus: (s) => this.walletView?.status(s) }));
  }

  async loadArticle() {
    if (!this.paywallView) return;
    this.paywallView.loading();
    try {
      const answer = await this.payer.fetchContent(this.contentUrl);
      if (answer.content) {
        this.paywallView.article(answer.content, { justPaid: false });
      } else {
        this.paymentRequired = answer.paymentRequired;
        this.paywallView.price(this.paymentRequired.requirement);
      }
    } catch (error) {
      this.paywallView.error(this.message(error));
    }
  }

  /** Redraws the price without a stale error, unless the article is already shown. */
  refreshPrice() {
    const state = this.paywallView?.paywall.dataset.state;
    if (this.paymentRequired && (state === 'required' || state === 'error')) {
      this.paywallView.price(this.paymentRequired.requirement);
    }
  }

  async pay() {
    if (this.busy || !this.paymentRequired) return;
    this.busy = true;
    const requirement = this.paymentRequired.requirement;
    this.paywallView.price(requirement, { busy: true });
    try {
      if (!(await this.connect())) throw Object.assign(new Error('gateway unreachable'), { code: PayerErrors.GATEWAY_UNREACHABLE });
      this.walletView?.status('Paying…');
      const paid = await this.payer.pay(this.contentUrl, this.paymentRequired, { onStatus: (s) => this.walletView?.status(s) });
      this.paymentRequired = null;
      this.paywallView.article(paid.content, { justPaid: true });
    } catch (error) {
      await this.payFailed(error, requirement);
    } finally {
      this.busy = false;
      if (this.payer.gateway) this.walletView?.show(this.payer);
    }
  }

  /** Explains the failure beside the button; an expired quote is replaced by a fresh one first. */
  async payFailed(error, requirement) {
    const context = { price: BigInt(requirement.amount), balance: this.payer.gateway ? this.payer.balance().payer : null };
    if (error.code === PayerErrors.QUOTE_EXPIRED) {
      try {
        let fresh = error.paymentRequired;
        if (!fresh) {
          const answer = await this.payer.fetchContent(this.contentUrl);
          if (answer.content) {
            this.paywallView.article(answer.content, { justPaid: false });
            return;
          }
          fresh = answer.paymentRequired;
        }
        this.paymentRequired = fresh;
        this.paywallView.price(fresh.requirement, { error: this.message(error, context) });
        return;
      } catch (again) {
        this.paywallView.price(requirement, { error: this.message(again, context) });
        return;
      }
    }
    if (error.paymentRequired) this.paymentRequired = error.paymentRequired;
    this.paywallView.price(this.paymentRequired.requirement, { error: this.message(error, context) });
  }
}
