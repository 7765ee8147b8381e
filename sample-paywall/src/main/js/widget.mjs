// Tollgate's browser payer widget, bundled to /assets/widget.js. On every page of the publisher's
// site it shows the reader's wallet (#tollgate-wallet); on an article page it fetches the article,
// and on a 402 offers to pay for it from the reader's state channel with the gateway.
import { Payer } from '@tollgate/x402-client/payer/payer.mjs';
import { MemoryStorage } from '@tollgate/x402-client/payer/store.mjs';
import { readConfig } from './widget/config.mjs';
import { WidgetController } from './widget/controller.mjs';

/** localStorage, or a page-lifetime stand-in where the browser refuses it (private modes). */
function browserStorage() {
  try {
    const storage = window.localStorage;
    storage.getItem('tollgate:probe');
    return storage;
  } catch {
    return new MemoryStorage();
  }
}

const config = readConfig(document);
const controller = new WidgetController(document, config, () =>
  new Payer({
    gatewayUrl: config.gatewayUrl,
    // The site's own routes (content, faucet) are same-origin: the page was served by the site.
    siteUrl: '',
    faucet: config.faucet,
    storage: browserStorage(),
    fetch: (...args) => window.fetch(...args),
  }),
);
// For the curious reader (and the browser test): the controller, its payer and channel.
window.tollgate = controller;
controller.start();
