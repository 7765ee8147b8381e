package dev.tollgate.client.crash;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Kills the gateway's JVM at once ({@link Runtime#halt}: no shutdown hooks, no finally blocks, no
 * answer on the open connections) around the DynamoDB write of its {@code n}-th paid request. A
 * paid request's write is the one transaction that records a transfer as paid: the create and the
 * gateway's resolve of it, written together.
 */
final class HaltOnPaidWrite implements ExecutionInterceptor {
  /** The exit status of a JVM halted here, so the test can tell this death from any other. */
  static final int HALTED = 86;

  private static final ExecutionAttribute<Integer> PAID_WRITE =
      new ExecutionAttribute<>("tollgate.crash.paidWrite");
  // The attribute the gateway's store puts on a transfer item once the gateway has been paid by it.
  private static final String PAID_AT = "paidAt";

  private final CrashPoint point;
  private final int atPaidWrite;
  private final AtomicInteger paidWrites = new AtomicInteger();

  HaltOnPaidWrite(CrashPoint point, int atPaidWrite) {
    if (atPaidWrite < 1) {
      throw new IllegalArgumentException(
          "the paid write to halt at counts from 1, got " + atPaidWrite);
    }
    this.point = point;
    this.atPaidWrite = atPaidWrite;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    // Counted once per call, not per HTTP attempt of it.
    if (isPaidWrite(context.request())) {
      attributes.putAttribute(PAID_WRITE, paidWrites.incrementAndGet());
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (point == CrashPoint.BEFORE_WRITE && armed(attributes)) {
      halt("signed, not written");
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (point == CrashPoint.AFTER_WRITE && armed(attributes)) {
      halt("written, not answered");
    }
  }

  private boolean armed(ExecutionAttributes attributes) {
    Integer n = attributes.getAttribute(PAID_WRITE);
    return n != null && n == atPaidWrite;
  }

  private void halt(String where) {
    System.out.println("halting at paid write " + atPaidWrite + ": " + where);
    System.out.flush();
    Runtime.getRuntime().halt(HALTED);
  }

  private static boolean isPaidWrite(SdkRequest request) {
    return request instanceof TransactWriteItemsRequest write
        && write.transactItems().stream()
            .map(TransactWriteItem::put)
            .anyMatch(put -> put != null && put.item().containsKey(PAID_AT));
  }
}
