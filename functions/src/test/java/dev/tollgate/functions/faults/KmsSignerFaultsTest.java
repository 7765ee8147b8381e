package dev.tollgate.functions.faults;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.functions.adapter.kms.MotoKmsServer;
import dev.tollgate.functions.config.AwsInterceptors;
import dev.tollgate.functions.faults.WireError.Service;
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
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * KMS failing the gateway in the direct-KMS signer mode (moto, every signature a KMS Sign): a paid
 * request signs twice, the countersigned create and then the resolve, and stores both in one write
 * after both signatures. KMS errors as KMS sends them, on either signature, and a Sign that never
 * answers: passing ones are retried by the SDK; lasting ones are answered with a named 503 and
 * nothing stored (never a countersigned create without its resolve); a key that cannot sign (its
 * state changed through the KMS API) is {@code signer_unavailable}. Once the fault clears, the
 * payer's same payment is taken once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmsSignerFaultsTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(50_000);
  private static final String SIGN = "Sign";
  private static final Duration ATTEMPT = Duration.ofMillis(1_000);
  private static final Duration CALL = Duration.ofMillis(2_500);

  /** The countersignature is a paid request's first Sign; letting it pass strikes the resolve's. */
  private static final int COUNTERSIGN = 0;

  private static final int RESOLVE = 1;

  private final FaultInjector faults = new FaultInjector();
  private final FaultReport report = new FaultReport(KmsSignerFaultsTest.class);
  private MotoKmsServer moto;
  private KmsClient kms;
  private String keyId;
  private GatewayStack stack;
  private Books books;

  @BeforeAll
  void start() throws Exception {
    moto = MotoKmsServer.start();
    kms = moto.newClient();
    keyId =
        kms.createKey(r -> r.keySpec(KeySpec.ECC_SECG_P256_K1).keyUsage(KeyUsageType.SIGN_VERIFY))
            .keyMetadata()
            .keyId();
    stack =
        GatewayStack.start(
            Map.of(
                "tollgate.signer.mode",
                "kms",
                "tollgate.signer.kms-key-id",
                keyId,
                "tollgate.kms.endpoint",
                moto.endpoint().toString(),
                "tollgate.kms.attempt-timeout",
                ATTEMPT.toMillis() + "ms",
                "tollgate.kms.call-timeout",
                CALL.toMillis() + "ms"));
    stack.register(AwsInterceptors.forKms(faults));
    books = new Books(stack);
  }

  @AfterEach
  void clearFaults() {
    faults.clear();
    kms.enableKey(r -> r.keyId(keyId));
  }

  @AfterAll
  void stop() {
    report.write();
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      kms.close();
      moto.close();
    }
  }

  @Test
  void theGatewaysKmsClientCarriesTheConfiguredTimeouts() {
    var override =
        stack
            .lambda()
            .context()
            .getBean(KmsClient.class)
            .serviceClientConfiguration()
            .overrideConfiguration();

    assertThat(override.apiCallAttemptTimeout()).contains(ATTEMPT);
    assertThat(override.apiCallTimeout()).contains(CALL);
  }

  @Test
  void aPassingKmsInternalErrorOnTheCountersignIsRetriedByTheSdk() throws Exception {
    passing(
        WireError.answered(Service.KMS, 500, "KMSInternalException"),
        COUNTERSIGN,
        1,
        "KMS KMSInternalException (500), 1 attempt",
        "countersign (Sign)");
  }

  @Test
  void passingKmsThrottlingOnTheResolveSignatureIsRetriedByTheSdk() throws Exception {
    passing(
        WireError.answered(Service.KMS, 400, "ThrottlingException"),
        RESOLVE,
        2,
        "KMS ThrottlingException, 2 attempts",
        "resolve signature (Sign)");
  }

  @Test
  void aSignHeldPastTheAttemptTimeoutIsRetriedByTheSdk() throws Exception {
    passing(
        new Fault.StallBefore(Duration.ofSeconds(30)),
        RESOLVE,
        1,
        "KMS attempt timeout, 1 attempt held",
        "resolve signature (Sign)");
  }

  @Test
  void lastingKmsInternalErrorsOnTheCountersignAreANamed503ThatStoresNothing() throws Exception {
    lasting(
        WireError.answered(Service.KMS, 500, "KMSInternalException"),
        COUNTERSIGN,
        "service_unavailable",
        "KMS KMSInternalException (500), lasting",
        "countersign (Sign)");
  }

  @Test
  void lastingKmsThrottlingOnTheResolveSignatureIsANamed503ThatStoresNothing() throws Exception {
    lasting(
        WireError.answered(Service.KMS, 400, "ThrottlingException"),
        RESOLVE,
        "service_unavailable",
        "KMS ThrottlingException, lasting",
        "resolve signature (Sign)");
  }

  @Test
  void aResolveSignatureThatNeverAnswersIsANamed503ThatStoresNothing() throws Exception {
    lasting(
        new Fault.StallBefore(Duration.ofSeconds(30)),
        RESOLVE,
        "service_unavailable",
        "KMS call timeout (every attempt held)",
        "resolve signature (Sign)");
  }

  @Test
  void anInvalidKeyStateOnTheResolveSignatureIsSignerUnavailable() throws Exception {
    lasting(
        WireError.answered(Service.KMS, 400, "KMSInvalidStateException"),
        RESOLVE,
        "signer_unavailable",
        "KMS KMSInvalidStateException, lasting",
        "resolve signature (Sign)");
  }

  /**
   * The key's state changed through the KMS API, not by the injector: scheduled for deletion
   * (KMSInvalidStateException), then the deletion cancelled, which leaves it disabled
   * (DisabledException), then enabled again.
   */
  @Test
  void aKeyPendingDeletionThenDisabledIsSignerUnavailableUntilItIsEnabledAgain() throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));
    HttpPayer.Paid pendingDeletion = Paying.pay(payer, ARTICLES + "key-pending-deletion");
    kms.cancelKeyDeletion(r -> r.keyId(keyId));
    HttpPayer.Paid disabled = Paying.resend(payer, pendingDeletion);

    Paying.assertRefused(pendingDeletion.response(), 503, "signer_unavailable", Optional.empty());
    Paying.assertRefused(disabled.response(), 503, "signer_unavailable", Optional.empty());
    assertThat(pendingDeletion.response().body()).contains("KMSInvalidStateException");
    assertThat(disabled.response().body()).contains("DisabledException");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);

    kms.enableKey(r -> r.keyId(keyId));
    HttpPayer.Paid again = Paying.resend(payer, pendingDeletion);

    assertThat(again.status()).as(again.response().body()).isEqualTo(200);
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(Paying.transferOf(pendingDeletion)));
    report.row(
        "KMS key pending deletion, then disabled (key state set through the KMS API)",
        "countersign (Sign), KMS's own answer",
        Paying.seen(pendingDeletion.response())
            + " (KMSInvalidStateException), then "
            + Paying.seen(disabled.response())
            + " (DisabledException)",
        "SDK: not retried; payer: 2 resends, the second after the key was enabled",
        "nothing stored while the key could not sign; paid once after; books balance");
  }

  private void passing(Fault fault, int pass, int times, String what, String where)
      throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    int before = faults.attempts(SIGN);
    faults.inject(SIGN, fault, pass, times);

    HttpPayer.Paid paid = Paying.pay(payer, ARTICLES + "passing-" + pass + "-" + times);

    assertThat(paid.status()).as(paid.response().body()).isEqualTo(200);
    int attempts = faults.attempts(SIGN) - before;
    assertThat(attempts).as("two signatures, and a retry per fault").isEqualTo(2 + times);
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(Paying.receipt(paid.response())));
    report.row(
        what,
        where,
        Paying.seen(paid.response()),
        "SDK: " + attempts + " Sign attempts for 2 signatures; payer: none",
        "paid once; books balance");
  }

  private void lasting(Fault fault, int pass, String error, String what, String where)
      throws Exception {
    HttpPayer payer = HttpPayer.funded(stack, DEPOSIT);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    int attemptsBefore = faults.attempts(SIGN);
    faults.inject(SIGN, fault, pass, Integer.MAX_VALUE);

    HttpPayer.Paid refused = Paying.pay(payer, ARTICLES + "lasting-" + error + "-" + pass);
    int attempts = faults.attempts(SIGN) - attemptsBefore;

    boolean passes = error.equals("service_unavailable");
    Paying.assertRefused(
        refused.response(), 503, error, passes ? Optional.of("1") : Optional.empty());
    // No countersigned create stored without its resolve: nothing at all.
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    faults.clear();
    HttpPayer.Paid again = Paying.resend(payer, refused);
    assertThat(again.status()).as(again.response().body()).isEqualTo(200);
    books.assertBalanced(payer, DEPOSIT, ARTICLE_PRICE, Set.of(Paying.transferOf(refused)));
    report.row(
        what,
        where,
        Paying.seen(refused.response()),
        "SDK: "
            + (pass == RESOLVE ? "1 countersign + " + (attempts - 1) + " resolve" : attempts + "")
            + " Sign attempts; payer: 1 resend after the fault cleared",
        "nothing stored during the fault; paid once after; books balance");
  }
}
