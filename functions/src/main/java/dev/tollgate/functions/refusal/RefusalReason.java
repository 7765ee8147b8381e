package dev.tollgate.functions.refusal;

/** A reason from one of the gateway's own catalogues: its HTTP status and x402 errorReason. */
public sealed interface RefusalReason permits PaywallReason, GatewayReason {
  int httpStatus();

  String errorReason();
}
