package dev.tollgate.core.failure;

import java.util.function.Function;

/** A value or a rejection. Protocol rules return this instead of throwing. */
public sealed interface Outcome<T> permits Outcome.Ok, Outcome.Failed {

  static <T> Outcome<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Outcome<T> fail(FailureReason reason, String detail) {
    return new Failed<>(Rejection.of(reason, detail));
  }

  static <T> Outcome<T> fail(Rejection rejection) {
    return new Failed<>(rejection);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The value; throws if this is a rejection, for callers that have already checked. */
  default T value() {
    if (this instanceof Ok<T> ok) {
      return ok.get();
    }
    throw new IllegalStateException("no value: " + ((Failed<T>) this).rejection());
  }

  default Rejection rejection() {
    if (this instanceof Failed<T> failed) {
      return failed.why();
    }
    throw new IllegalStateException("not a rejection: " + this);
  }

  default <U> Outcome<U> map(Function<T, U> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.get()));
    }
    return new Failed<>(rejection());
  }

  record Ok<T>(T get) implements Outcome<T> {}

  record Failed<T>(Rejection why) implements Outcome<T> {}
}
