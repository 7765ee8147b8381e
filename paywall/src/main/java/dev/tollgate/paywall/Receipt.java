package dev.tollgate.paywall;

import java.util.Objects;

/** Proof that {@code payer} paid for {@code resource} with transfer {@code transferId}. */
public record Receipt(String resource, String transferId, String payer, long expiresAt) {
  public Receipt {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(transferId, "transferId");
    Objects.requireNonNull(payer, "payer");
  }
}
