package dev.tollgate.core.port;

/**
 * Time as the chain counts it: whole seconds since the epoch. Passed in, never read inside rules.
 */
@FunctionalInterface
public interface Clock {
  long nowSeconds();
}
