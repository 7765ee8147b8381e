// What can go wrong for a reader, as codes the page turns into sentences. `reason` keeps the
// gateway's or channel-core's errorReason when there is one.

export const PayerErrors = Object.freeze({
  GATEWAY_UNREACHABLE: 'gateway_unreachable',
  SITE_UNREACHABLE: 'site_unreachable',
  NO_CHANNEL: 'no_channel',
  INSUFFICIENT_BALANCE: 'insufficient_balance',
  QUOTE_EXPIRED: 'quote_expired',
  DEPOSIT_NOT_CONFIRMED: 'deposit_not_confirmed',
  NO_FAUCET: 'no_faucet',
  BAD_ANSWER: 'bad_answer',
  REFUSED: 'refused',
});

export class PayerError extends Error {
  constructor(code, message, { reason = null, cause = null } = {}) {
    super(message);
    this.name = 'PayerError';
    this.code = code;
    this.reason = reason;
    if (cause) this.cause = cause;
  }
}
