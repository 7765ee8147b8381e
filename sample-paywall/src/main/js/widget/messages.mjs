// What a reader reads when something goes wrong: plain sentences, what happened and what to do,
// never a stack trace. Pure, so node tests can check every code has one.
import { PayerErrors } from '@tollgate/x402-client/payer/errors.mjs';
import { formatAmount } from '../format/amounts.mjs';

/**
 * @param error a PayerError (or anything thrown)
 * @param context {symbol, decimals, price (base units, optional), balance (base units, optional)}
 */
export function readerMessage(error, { symbol, decimals, price = null, balance = null }) {
  const amount = (units) => formatAmount(units, decimals, symbol);
  switch (error?.code) {
    case PayerErrors.INSUFFICIENT_BALANCE:
      return price !== null && balance !== null
        ? `Your channel holds ${amount(balance)}, which is not enough for this (${amount(price)}). Add funds to keep reading.`
        : 'Your channel does not hold enough to pay for this. Add funds to keep reading.';
    case PayerErrors.GATEWAY_UNREACHABLE:
      return 'The payment gateway cannot be reached right now. Nothing was charged; please try again in a moment.';
    case PayerErrors.SITE_UNREACHABLE:
      return 'This site cannot be reached right now. Check your connection and try again.';
    case PayerErrors.QUOTE_EXPIRED:
      return 'The price quote expired before the payment went through. A fresh quote is ready: press Pay again.';
    case PayerErrors.NO_CHANNEL:
      return 'You need a Tollgate channel to pay. Open one in your wallet; it takes a few seconds.';
    case PayerErrors.DEPOSIT_NOT_CONFIRMED:
      return 'Your deposit is not confirmed yet. It is safe on chain: try again in a minute.';
    case PayerErrors.NO_FAUCET:
      return `This site has no test-token faucet. Send ${symbol} to your channel address, then try again.`;
    case PayerErrors.BAD_ANSWER:
      return 'The gateway sent an answer your wallet could not verify, so it was not accepted. Please reload the page.';
    case PayerErrors.REFUSED:
      return `The gateway refused this${error.reason ? ` (${error.reason.replace(/_/g, ' ')})` : ''}. Please reload the page and try again.`;
    default:
      return 'Something went wrong in your wallet. Please reload the page and try again.';
  }
}
