package dev.tollgate.functions.gateway;

import java.util.Objects;
import java.util.function.Function;

/** What a gateway use case returns: its value, or the refusal the HTTP layer maps to a status. */
public sealed interface GatewayResult<T> permits GatewayResult.Done, GatewayResult.Refused {

  static <T> GatewayResult<T> done(T value) {
    return new Done<>(value);
  }

  static <T> GatewayResult<T> refused(Refusal refusal) {
    return new Refused<>(refusal);
  }

  static <T> GatewayResult<T> refused(GatewayReason reason, String detail) {
    return new Refused<>(Refusal.of(reason, detail));
  }

  default boolean isDone() {
    return this instanceof Done;
  }

  default T value() {
    if (this instanceof Done<T> d) {
      return d.get();
    }
    throw new IllegalStateException("refused: " + ((Refused<T>) this).refusal());
  }

  default Refusal refusal() {
    if (this instanceof Refused<T> r) {
      return r.why();
    }
    throw new IllegalStateException("not refused: " + this);
  }

  default <U> GatewayResult<U> map(Function<T, U> f) {
    return this instanceof Done<T> d ? new Done<>(f.apply(d.get())) : new Refused<>(refusal());
  }

  default <U> GatewayResult<U> then(Function<T, GatewayResult<U>> f) {
    return this instanceof Done<T> d ? f.apply(d.get()) : new Refused<>(refusal());
  }

  record Done<T>(T get) implements GatewayResult<T> {
    public Done {
      Objects.requireNonNull(get, "value");
    }
  }

  record Refused<T>(Refusal why) implements GatewayResult<T> {
    public Refused {
      Objects.requireNonNull(why, "refusal");
    }
  }
}
