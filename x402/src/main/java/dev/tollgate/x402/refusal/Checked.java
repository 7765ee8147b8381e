package dev.tollgate.x402.refusal;

import dev.tollgate.core.failure.Outcome;
import java.util.Objects;
import java.util.function.Function;

/**
 * A value or a {@link Refusal}: what the paywall's checks return instead of throwing, as
 * channel-core's {@link Outcome} does for its rules.
 */
public sealed interface Checked<T> permits Checked.Ok, Checked.Refused {

  static <T> Checked<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Checked<T> refused(Refusal refusal) {
    return new Refused<>(refusal);
  }

  static <T> Checked<T> refused(RefusalReason reason, String detail) {
    return new Refused<>(Refusal.of(reason, detail));
  }

  /** Carries channel-core's rejection over as a {@link Refusal.Protocol}. */
  static <T> Checked<T> from(Outcome<T> outcome) {
    return outcome.isOk() ? ok(outcome.value()) : refused(Refusal.of(outcome.rejection()));
  }

  boolean isOk();

  /** The value; throws if refused, for callers that have already checked. */
  T value();

  /** The refusal; throws if this is a value. */
  Refusal refusal();

  <U> Checked<U> map(Function<T, U> f);

  <U> Checked<U> flatMap(Function<T, Checked<U>> f);

  record Ok<T>(T value) implements Checked<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean isOk() {
      return true;
    }

    @Override
    public Refusal refusal() {
      throw new IllegalStateException("not refused: " + value);
    }

    @Override
    public <U> Checked<U> map(Function<T, U> f) {
      return new Ok<>(f.apply(value));
    }

    @Override
    public <U> Checked<U> flatMap(Function<T, Checked<U>> f) {
      return f.apply(value);
    }
  }

  record Refused<T>(Refusal refusal) implements Checked<T> {
    public Refused {
      Objects.requireNonNull(refusal, "refusal");
    }

    @Override
    public boolean isOk() {
      return false;
    }

    @Override
    public T value() {
      throw new IllegalStateException("refused: " + refusal);
    }

    @Override
    public <U> Checked<U> map(Function<T, U> f) {
      return new Refused<>(refusal);
    }

    @Override
    public <U> Checked<U> flatMap(Function<T, Checked<U>> f) {
      return new Refused<>(refusal);
    }
  }
}
