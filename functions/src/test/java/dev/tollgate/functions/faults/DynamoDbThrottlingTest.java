package dev.tollgate.functions.faults;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.functions.config.AwsInterceptors;
import dev.tollgate.functions.faults.WireError.Service;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DynamoDB throttling the paid request, as the service does it: {@code 400} with a throttling error
 * code, before the request is processed. The gateway's own client (its production retries and
 * timeouts, defaults untouched) gets the fault through its interceptors. A few throttles are
 * absorbed by the SDK's retries and the payment is taken once; throttling that lasts is answered
 * {@code 503 service_unavailable} with {@code Retry-After} within the client's call timeout, with
 * nothing stored, and the payer's same payment sent again once it clears is taken once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbThrottlingTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(50_000);
  private static final String WRITE = "TransactWriteItems";
  private static final String READ = "GetItem";

  /** The gateway's default call timeout, and the slack a loaded machine needs around it. */
  private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(4 + 3);

  private final FaultInjector faults = new FaultInjector();
  private final FaultReport report = new FaultReport(DynamoDbThrottlingTest.class);
  private GatewayStack stack;
  private Books books;

  @BeforeAll
  void start() throws Exception {
    stack = GatewayStack.start();
    stack.register(AwsInterceptors.forDynamo(faults));
    books = new Books(stack);
  }

  @AfterEach
  void clearFaults() {
    faults.clear();
  }

  @AfterAll
  void stop() {
    report.write();
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aFewThrottledWritesAreRetriedByTheSdkAndThePaymentIsTakenOnce() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    int before = faults.attempts(WRITE);
    faults.inject(
        WRITE,
        WireError.refused(Service.DYNAMODB, 400, "ProvisionedThroughputExceededException"),
        2);

    HttpPayer.Paid paid = Paying.pay(payer, ARTICLES + "throttled-write");

    assertThat(paid.status()).as(paid.response().body()).isEqualTo(200);
    int attempts = faults.attempts(WRITE) - before;
    assertThat(attempts).isEqualTo(3);
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(Paying.receipt(paid.response())));
    report.row(
        "DynamoDB ProvisionedThroughputExceededException, 2 attempts",
        "paid request's TransactWriteItems, before it is sent",
        Paying.seen(paid.response()),
        "SDK: " + attempts + " attempts; payer: none",
        "paid once; books balance");
  }

  @Test
  void aFewThrottledChannelReadsAreRetriedByTheSdk() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    int before = faults.attempts(READ);
    faults.inject(READ, WireError.answered(Service.DYNAMODB, 400, "ThrottlingException"), 2);

    HttpPayer.Paid paid = Paying.pay(payer, ARTICLES + "throttled-read");

    assertThat(paid.status()).as(paid.response().body()).isEqualTo(200);
    int attempts = faults.attempts(READ) - before;
    assertThat(attempts).isEqualTo(3);
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(Paying.receipt(paid.response())));
    report.row(
        "DynamoDB ThrottlingException, 2 attempts",
        "paid request's channel read (GetItem), the answer replaced",
        Paying.seen(paid.response()),
        "SDK: " + attempts + " attempts; payer: none",
        "paid once; books balance");
  }

  @Test
  void lastingWriteThrottlingIsANamed503ThatStoresNothingAndTheSamePaymentIsTakenOnceItClears()
      throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    WireError throttle = WireError.refused(Service.DYNAMODB, 400, "RequestLimitExceeded");

    Outage outage = lastingOutage(payer, WRITE, throttle, "lasting-write");

    report.row(
        "DynamoDB RequestLimitExceeded, lasting",
        "paid request's TransactWriteItems, before it is sent",
        outage.seen(),
        outage.retries(),
        "nothing stored during the fault; same payment taken once after; books balance");
  }

  @Test
  void lastingReadThrottlingIsANamed503ThatStoresNothingAndTheSamePaymentIsTakenOnceItClears()
      throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    WireError throttle =
        WireError.answered(Service.DYNAMODB, 400, "ProvisionedThroughputExceededException");

    Outage outage = lastingOutage(payer, READ, throttle, "lasting-read");

    report.row(
        "DynamoDB ProvisionedThroughputExceededException, lasting",
        "paid request's channel read (GetItem), the answer replaced",
        outage.seen(),
        outage.retries(),
        "nothing stored during the fault; same payment taken once after; books balance");
  }

  /**
   * DynamoDB may also throttle one item of a transaction and cancel it: {@code
   * TransactionCanceledException} with the reason {@code ThrottlingError}, which the SDK does not
   * retry. The gateway answers it as the throttle it is.
   */
  @Test
  void aTransactionCancelledForAThrottledItemIsANamed503ThatStoresNothing() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    // The paid request's write: the channel, the create and the resolve, the transfer record.
    WireError cancelled = WireError.transactionThrottled(4);

    Outage outage = lastingOutage(payer, WRITE, cancelled, "cancelled-write");

    assertThat(outage.attempts()).as("the SDK does not retry a cancelled transaction").isEqualTo(1);
    report.row(
        "DynamoDB TransactionCanceledException [ThrottlingError, None, None, None]",
        "paid request's TransactWriteItems, before it is sent",
        outage.seen(),
        outage.retries(),
        "nothing stored during the fault; same payment taken once after; books balance");
  }

  /** What a lasting fault did: the refusal the payer saw, SDK attempts, the payer's resends. */
  private record Outage(String seen, int attempts) {
    String retries() {
      String sdk =
          attempts == 1 ? "1 attempt (not retried)" : attempts + " attempts until the call timeout";
      return "SDK: " + sdk + "; payer: 1 resend";
    }
  }

  /**
   * Pays under {@code fault} on every attempt of {@code operation}: asserts a named 503 within the
   * call timeout and nothing stored; then clears the fault, sends the same payment again and
   * asserts it is taken once.
   */
  private Outage lastingOutage(HttpPayer payer, String operation, WireError fault, String article)
      throws Exception {
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    int attemptsBefore = faults.attempts(operation);
    faults.persist(operation, fault);

    long started = System.nanoTime();
    HttpPayer.Paid refused = Paying.pay(payer, ARTICLES + article);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    int attempts = faults.attempts(operation) - attemptsBefore;

    Paying.assertRefused(refused.response(), 503, "service_unavailable", Optional.of("1"));
    assertThat(took).isLessThan(ANSWERED_WITHIN);
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);

    faults.clear();
    HttpPayer.Paid again = Paying.resend(payer, refused);

    assertThat(again.status()).as(again.response().body()).isEqualTo(200);
    assertThat(Paying.receipt(again.response())).isEqualTo(Paying.transferOf(refused));
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(Paying.transferOf(refused)));
    return new Outage(
        Paying.seen(refused.response()) + " after " + took.toMillis() + " ms", attempts);
  }
}
