package dev.tollgate.x402.refusal;

/**
 * A reason from one of the gateway's own catalogues: its HTTP status and x402 errorReason. Not
 * sealed: the paywall's catalogue ({@link PaywallReason}) lives here beside the wire messages, the
 * gateway's channel API adds its own in the gateway module.
 */
public interface RefusalReason {
  int httpStatus();

  String errorReason();
}
