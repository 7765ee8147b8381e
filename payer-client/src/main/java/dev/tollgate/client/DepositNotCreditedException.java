package dev.tollgate.client;

/**
 * The gateway still answered {@code no_new_deposit} when the caller's deadline passed: it has not
 * seen (or not yet confirmed) the on-chain deposit. Nothing was credited; calling {@link
 * TollgateClient#deposited} again later is safe.
 */
public final class DepositNotCreditedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public DepositNotCreditedException(String detail) {
    super("deposit", 402, "no_new_deposit", detail);
  }
}
