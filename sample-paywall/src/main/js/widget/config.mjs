// The page's <script type="application/json" id="tollgate-config">: where the gateway is, whether
// the site has a faucet, and how to show the token.

export function readConfig(document) {
  const element = document.getElementById('tollgate-config');
  let raw = {};
  if (element) {
    try {
      raw = JSON.parse(element.textContent || '{}');
    } catch {
      raw = {};
    }
  }
  const decimals = Number.isInteger(raw.assetDecimals) && raw.assetDecimals >= 0 ? raw.assetDecimals : 6;
  return Object.freeze({
    gatewayUrl: typeof raw.gatewayUrl === 'string' ? raw.gatewayUrl : 'http://127.0.0.1:8080',
    siteUrl: typeof raw.siteUrl === 'string' ? raw.siteUrl : '',
    faucet: raw.faucet === true,
    assetSymbol: typeof raw.assetSymbol === 'string' && raw.assetSymbol ? raw.assetSymbol : 'TEST',
    assetDecimals: decimals,
  });
}
