// Failures of the channel protocol, as values a caller can act on. `reason` is one of
// channel-core's FailureReason wire names (stale_nonce, bad_signature, insufficient_balance, ...)
// so the payer and the gateway name the same refusal the same way.

export class ProtocolError extends Error {
  constructor(reason, detail) {
    super(`${reason}: ${detail}`);
    this.name = 'ProtocolError';
    this.reason = reason;
    this.detail = detail;
  }
}

/** Bad JSON from the wire or from storage: `path` names the field, as channel-core's JsonFields. */
export class JsonFormatError extends ProtocolError {
  constructor(path, problem) {
    super('malformed_update', path ? `${path}: ${problem}` : problem);
    this.name = 'JsonFormatError';
    this.path = path;
  }
}

export function fail(reason, detail) {
  throw new ProtocolError(reason, detail);
}
