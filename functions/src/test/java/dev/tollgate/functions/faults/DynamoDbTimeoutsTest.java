package dev.tollgate.functions.faults;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.config.AwsInterceptors;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.StoredTables;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB too slow for the gateway's client: an attempt held past the attempt timeout, before the
 * request reaches DynamoDB (nothing done) or after DynamoDB did the work (a paid request's write
 * committed, its answer lost). The timeouts are the gateway's own settings, shortened here so the
 * test waits seconds, not the production defaults' four.
 *
 * <p>The nasty case is the committed write: the SDK's retry then finds the channel moved on, and
 * the gateway answers from the record; when the whole call times out instead, the payer hears 503
 * although it paid, and either sends the same payment again (answered with the recorded receipt,
 * charged once) or syncs (its view takes in the recorded payment, charged once).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbTimeoutsTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(50_000);
  private static final String WRITE = "TransactWriteItems";
  private static final String READ = "GetItem";
  private static final Duration ATTEMPT = Duration.ofMillis(1_000);
  private static final Duration CALL = Duration.ofMillis(2_500);

  /** Longer than any timeout here: the client always gives up first. */
  private static final Fault.StallBefore NEVER_SENT = new Fault.StallBefore(Duration.ofSeconds(30));

  private static final Fault.StallAfter ANSWER_LOST = new Fault.StallAfter(Duration.ofSeconds(30));

  private final FaultInjector faults = new FaultInjector();
  private final FaultReport report = new FaultReport(DynamoDbTimeoutsTest.class);
  private GatewayStack stack;
  private Books books;

  @BeforeAll
  void start() throws Exception {
    stack =
        GatewayStack.start(
            Map.of(
                "tollgate.signer.mode",
                "local",
                "tollgate.signer.private-key",
                GatewayStack.GATEWAY_KEY,
                "tollgate.dynamodb.attempt-timeout",
                ATTEMPT.toMillis() + "ms",
                "tollgate.dynamodb.call-timeout",
                CALL.toMillis() + "ms"));
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
  void theGatewaysClientCarriesTheConfiguredTimeouts() {
    var override =
        stack
            .lambda()
            .context()
            .getBean(DynamoDbClient.class)
            .serviceClientConfiguration()
            .overrideConfiguration();

    assertThat(override.apiCallAttemptTimeout()).contains(ATTEMPT);
    assertThat(override.apiCallTimeout()).contains(CALL);
  }

  @Test
  void aWriteHeldBeforeItReachesDynamoIsRetriedByTheSdk() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    int before = faults.attempts(WRITE);
    faults.inject(WRITE, NEVER_SENT, 1);

    HttpPayer.Paid paid = Paying.pay(payer, ARTICLES + "held-write");

    assertThat(paid.status()).as(paid.response().body()).isEqualTo(200);
    int attempts = faults.attempts(WRITE) - before;
    assertThat(attempts).isEqualTo(2);
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(Paying.receipt(paid.response())));
    report.row(
        "DynamoDB attempt timeout, 1 attempt held before sending",
        "paid request's TransactWriteItems",
        Paying.seen(paid.response()),
        "SDK: " + attempts + " attempts; payer: none",
        "paid once; books balance");
  }

  @Test
  void aWriteCommittedWhoseAnswerWasLostIsAnsweredFromTheRecordOnTheSdksRetry() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    int before = faults.attempts(WRITE);
    faults.inject(WRITE, ANSWER_LOST, 1);

    HttpPayer.Paid paid = Paying.pay(payer, ARTICLES + "answer-lost");

    assertThat(paid.status()).as(paid.response().body()).isEqualTo(200);
    int attempts = faults.attempts(WRITE) - before;
    assertThat(attempts).as("the SDK retried the committed write").isEqualTo(2);
    Bytes32 receipt = Paying.receipt(paid.response());
    assertThat(receipt).isEqualTo(Paying.transferOf(paid));
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(receipt));
    report.row(
        "DynamoDB attempt timeout after the write committed, 1 attempt",
        "paid request's TransactWriteItems, answer held after DynamoDB committed",
        Paying.seen(paid.response()),
        "SDK: "
            + attempts
            + " attempts (the 2nd finds the nonce taken: the recorded answer);"
            + " payer: none",
        "paid once; books balance");
  }

  @Test
  void aCommittedPaymentWhoseCallTimedOutIsAnsweredWithItsReceiptWhenSentAgain() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    Committed lost = payUntilTheCallTimesOut(payer, "sent-again");

    faults.clear();
    HttpPayer.Paid again = Paying.resend(payer, lost.paid());

    assertThat(again.status()).as(again.response().body()).isEqualTo(200);
    assertThat(Paying.receipt(again.response())).isEqualTo(lost.transfer());
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(lost.transfer()));
    report.row(
        "DynamoDB call timeout after the write committed (every attempt's answer held)",
        "paid request's TransactWriteItems, after DynamoDB committed",
        lost.seen() + "; then 200 with the recorded receipt",
        "SDK: " + lost.attempts() + " attempts; payer: 1 resend of the same payment",
        "paid once (the resend is the recorded answer); books balance");
  }

  @Test
  void aCommittedPaymentWhoseCallTimedOutIsInThePayersViewOnceItSyncs() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    Committed lost = payUntilTheCallTimesOut(payer, "synced");

    faults.clear();
    payer.sync();
    // The payer's view now has the payment; the same payment sent again still serves the
    // resource, from the record, and charges nothing more.
    LambdaInvoker.Response again = Paying.resendRaw(payer, lost.paid());
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(lost.transfer()));
    HttpPayer.Paid next = Paying.pay(payer, ARTICLES + "after-sync");

    assertThat(Paying.receipt(again)).isEqualTo(lost.transfer());
    assertThat(next.status()).as(next.response().body()).isEqualTo(200);
    books.assertBalanced(
        payer, DEPOSIT, ARTICLE_PRICE, Set.of(lost.transfer(), Paying.receipt(next.response())));
    report.row(
        "DynamoDB call timeout after the write committed (every attempt's answer held)",
        "paid request's TransactWriteItems, after DynamoDB committed",
        lost.seen() + "; synced; the same payment again: 200 with the recorded receipt",
        "SDK: " + lost.attempts() + " attempts; payer: sync, then 1 resend, then a new payment",
        "the lost payment counted once, the next one once; books balance");
  }

  @Test
  void aChannelReadThatNeverAnswersIsANamed503ThatStoresNothing() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    int attemptsBefore = faults.attempts(READ);
    faults.persist(READ, NEVER_SENT);

    HttpPayer.Paid refused = Paying.pay(payer, ARTICLES + "read-held");
    int attempts = faults.attempts(READ) - attemptsBefore;

    Paying.assertRefused(refused.response(), 503, "service_unavailable", Optional.of("1"));
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    faults.clear();
    HttpPayer.Paid again = Paying.resend(payer, refused);
    assertThat(again.status()).as(again.response().body()).isEqualTo(200);
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(Paying.transferOf(refused)));
    report.row(
        "DynamoDB call timeout (every attempt held before sending)",
        "paid request's channel read (GetItem)",
        Paying.seen(refused.response()) + "; then 200 on the resend",
        "SDK: " + attempts + " attempts; payer: 1 resend",
        "nothing stored during the fault; paid once after; books balance");
  }

  /** A payment DynamoDB committed while the gateway's call timed out, as the payer saw it. */
  private record Committed(HttpPayer.Paid paid, Bytes32 transfer, String seen, int attempts) {}

  /**
   * Pays while every write attempt's answer is held: the first attempt commits, the others find the
   * nonce taken, and the call times out. Asserts the payer heard a named 503 and that the payment
   * is stored all the same, in one piece.
   */
  private Committed payUntilTheCallTimesOut(HttpPayer payer, String article) {
    long nonceBefore = books.stored(payer).nonce();
    int before = faults.attempts(WRITE);
    faults.persist(WRITE, ANSWER_LOST);

    HttpPayer.Paid paid = Paying.pay(payer, ARTICLES + article);

    Paying.assertRefused(paid.response(), 503, "service_unavailable", Optional.of("1"));
    Bytes32 transfer = Paying.transferOf(paid);
    // Stored regardless: the create and its resolve together, the transfer paid once.
    assertThat(books.stored(payer).nonce()).isEqualTo(nonceBefore + 2);
    assertThat(books.payments(payer)).extracting(p -> p.transferId()).containsExactly(transfer);
    return new Committed(
        paid, transfer, Paying.seen(paid.response()), faults.attempts(WRITE) - before);
  }
}
