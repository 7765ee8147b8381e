package dev.tollgate.core.port;

/**
 * Time as the chain counts it: whole seconds since the epoch. Passed in, never read inside rules.
 */
@FunctionalInterface
public interface Clock {
  long nowSeconds();

  /**
   * Milliseconds since the epoch, for records ordered more finely than the chain orders them (the
   * gateway's payments). A clock that only knows seconds answers the start of its second; a clock
   * that knows more must keep {@code nowMillis() / 1000 == nowSeconds()} for one reading.
   */
  default long nowMillis() {
    return Math.multiplyExact(nowSeconds(), 1000L);
  }
}
