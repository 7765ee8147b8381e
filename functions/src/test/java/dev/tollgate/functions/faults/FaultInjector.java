package dev.tollgate.functions.faults;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Plays a misbehaving AWS service to the client it is added to, attempt by attempt, so that the
 * client's own retries and timeouts act on the faults as in production. A fault is set per
 * operation ({@code TransactWriteItems}, {@code GetItem}, {@code Sign}) for a number of attempts,
 * optionally after letting some pass; {@link #clear()} ends them all: the fault clears. Every
 * attempt is counted per operation, faulted or not.
 *
 * <p>Where a fault strikes matters, and each {@link Fault} says where: a {@link WireError} refused
 * is thrown before the request is sent (a throttled write stores nothing), one answered replaces
 * the service's answer after it did the work; a stall holds the attempt before it is sent or after
 * the service answered (a write committed whose answer comes too late).
 */
public final class FaultInjector implements ExecutionInterceptor {
  private static final ExecutionAttribute<Fault> STRIKING =
      new ExecutionAttribute<>("tollgate.fault");

  private final Map<String, Plan> plans = new HashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();

  /** Faults {@code times} attempts of {@code operation} from the next one on. */
  public FaultInjector inject(String operation, Fault fault, int times) {
    return inject(operation, fault, 0, times);
  }

  /** Faults {@code times} attempts of {@code operation} after letting {@code pass} through. */
  public FaultInjector inject(String operation, Fault fault, int pass, int times) {
    return inject(operation, request -> true, fault, pass, times);
  }

  /**
   * Faults {@code times} attempts of {@code operation} whose request {@code matches} (a PutItem of
   * one kind of item, say), after letting {@code pass} matching ones through.
   */
  public synchronized FaultInjector inject(
      String operation, Predicate<SdkRequest> matches, Fault fault, int pass, int times) {
    if (pass < 0 || times < 1) {
      throw new IllegalArgumentException("pass >= 0 and times >= 1, got " + pass + ", " + times);
    }
    plans.put(operation, new Plan(fault, matches, pass, times));
    return this;
  }

  /** Faults every attempt of {@code operation} from the next one on, until {@link #clear()}. */
  public FaultInjector persist(String operation, Fault fault) {
    return inject(operation, fault, 0, Integer.MAX_VALUE);
  }

  /** The faults clear: every attempt from now on reaches the service and gets its answer. */
  public synchronized void clear() {
    plans.clear();
  }

  /** Attempts of {@code operation} so far, faulted or not. */
  public synchronized int attempts(String operation) {
    return attempts.getOrDefault(operation, 0);
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
    Optional<Fault> fault =
        next(attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request());
    // Set on every attempt, so an attempt after a faulted one runs clean.
    attrs.putAttribute(STRIKING, fault.orElse(null));
    if (fault.isPresent() && fault.get() instanceof WireError error && !error.reachesService()) {
      throw error.exception();
    }
    if (fault.isPresent() && fault.get() instanceof Fault.StallBefore stall) {
      sleep(stall.delay());
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attrs) {
    if (attrs.getAttribute(STRIKING) instanceof Fault.StallAfter stall) {
      sleep(stall.delay());
    }
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes attrs) {
    return answer(attrs).map(WireError::httpResponse).orElse(context.httpResponse());
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attrs) {
    Optional<WireError> answer = answer(attrs);
    return answer.isPresent()
        ? Optional.of(new ByteArrayInputStream(answer.get().body()))
        : context.responseBody();
  }

  private static Optional<WireError> answer(ExecutionAttributes attrs) {
    return attrs.getAttribute(STRIKING) instanceof WireError error && error.reachesService()
        ? Optional.of(error)
        : Optional.empty();
  }

  private synchronized Optional<Fault> next(String operation, SdkRequest request) {
    attempts.merge(operation, 1, Integer::sum);
    Plan plan = plans.get(operation);
    if (plan == null || plan.struck >= plan.times || !plan.matches.test(request)) {
      return Optional.empty();
    }
    if (plan.toPass > 0) {
      plan.toPass--;
      return Optional.empty();
    }
    plan.struck++;
    return Optional.of(plan.fault);
  }

  /**
   * Keeps the client waiting as a slow service would. The client's attempt timeout interrupts the
   * wait; the interruption goes back as the SDK's own abort, which it reports as the timeout.
   */
  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AbortedException.create("stalled attempt interrupted", e);
    }
  }

  private static final class Plan {
    final Fault fault;
    final Predicate<SdkRequest> matches;
    final int times;
    int toPass;
    int struck;

    Plan(Fault fault, Predicate<SdkRequest> matches, int pass, int times) {
      this.fault = fault;
      this.matches = matches;
      this.toPass = pass;
      this.times = times;
    }
  }
}
