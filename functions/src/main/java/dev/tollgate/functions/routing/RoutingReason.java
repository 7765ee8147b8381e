package dev.tollgate.functions.routing;

import dev.tollgate.x402.refusal.RefusalReason;

/**
 * Why a hub does not forward a reader's payment. Each leaves the reader's transfer cancelled (or
 * never countersigned) and the reader's balance whole; the catalogue shares no {@code errorReason}
 * with the paywall's, the gateway's or the protocol's.
 */
public enum RoutingReason implements RefusalReason {
  /** A create sent for forwarding without routing data in its meta. */
  NOT_ROUTED(400, "not_routed"),
  /** Routing data that cannot be read: the field is named. */
  MALFORMED_ROUTING(400, "malformed_routing"),
  /** The recipient has no open channel with this hub. */
  UNKNOWN_RECIPIENT(402, "unknown_recipient"),
  /** The create locks less than the price plus the hub's fee. */
  HUB_FEE_NOT_PAID(402, "hub_fee_not_paid"),
  /** The create's transfer timeout is not the one the hub's offer asks. */
  ROUTE_TIMEOUT_MISMATCH(402, "route_timeout_mismatch"),
  /** A lock with an expiry: the hub could be left unable to claim after the publisher resolved. */
  LOCK_EXPIRY_NOT_ROUTABLE(402, "lock_expiry_not_routable"),
  /** Another asset or chain than the recipient's: this hub routes one asset on one chain. */
  ROUTE_ASSET_MISMATCH(402, "route_asset_mismatch"),
  /**
   * The hub's side of the recipient's channel holds less than the price: the answer carries {@code
   * Retry-After} while a top-up is made.
   */
  INSUFFICIENT_COLLATERAL(503, "insufficient_collateral");

  private final int httpStatus;
  private final String errorReason;

  RoutingReason(int httpStatus, String errorReason) {
    this.httpStatus = httpStatus;
    this.errorReason = errorReason;
  }

  @Override
  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public String errorReason() {
    return errorReason;
  }
}
