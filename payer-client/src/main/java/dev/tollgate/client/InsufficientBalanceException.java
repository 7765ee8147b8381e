package dev.tollgate.client;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;

/**
 * The channel holds less than the price asked: found before signing anything, with the same {@code
 * insufficient_balance} reason the gateway would give. Deposit more and {@link
 * TollgateClient#deposited} it.
 */
public final class InsufficientBalanceException extends PaymentRefusedException {
  private static final long serialVersionUID = 1L;
  private final transient Uint256 price;
  private final transient Uint256 balance;

  public InsufficientBalanceException(Address asset, Uint256 price, Uint256 balance) {
    super(
        402,
        "insufficient_balance",
        "the price is " + price + " of " + asset + " but the channel holds " + balance);
    this.price = price;
    this.balance = balance;
  }

  public Uint256 price() {
    return price;
  }

  public Uint256 balance() {
    return balance;
  }
}
