package dev.tollgate.functions.api;

import static dev.tollgate.functions.api.BadPayments.DEPOSIT;
import static dev.tollgate.functions.api.BadPayments.doctored;
import static dev.tollgate.functions.api.BadPayments.payload;
import static dev.tollgate.functions.api.BadPayments.tamper;
import static dev.tollgate.functions.api.BadPayments.withChannelAddress;
import static dev.tollgate.functions.api.BadPayments.withNonce;
import static dev.tollgate.functions.api.BadPayments.withPayerBalance;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.PaymentRequirements;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad payments through the real Lambda handler, part two: a well-formed payment for a genuine quote
 * whose create update is wrong. Where the point is a validly signed bad update (another channel, a
 * skipped nonce, an overdraft), the payer's own channel-core builds it on a doctored copy of its
 * view and signs it with its own key, so only the rule under test can refuse it. Each is refused
 * with its status and named reason, and nothing stored changes.
 */
class BadPaymentUpdateLambdaTest extends OnStackTest {
  private BadPayments bad;

  @BeforeAll
  void start() throws Exception {
    bad = new BadPayments(stack);
  }

  @Test
  void aCreateSignedByAnotherKeyIsRefusedAsBadSignature() throws Exception {
    HttpPayer payer = bad.funded();
    String path = ARTICLES + "stranger";
    PaymentRequirements quoted = bad.quote(path);
    Transition create = bad.signedCreate(payer, payer.payer().view(), quoted, quoted.amount());
    Signature stranger = LocalKeySigner.random(new SecureRandom()).sign(create.stateDigest());
    ChannelUpdate forged = create.update().withSignatures(Optional.empty(), Optional.of(stranger));

    var r = bad.refused(path, HttpPayer.paymentHeader(path, quoted, forged), 402, "bad_signature");

    assertThat(r.message())
        .contains("does not recover to " + payer.payer().address())
        .contains(create.stateDigest().toString());
    bad.stillPays(payer);
  }

  @Test
  void aHighSSignatureIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    String path = ARTICLES + "high-s";
    // The payer's own valid signature on its create, swapped for its malleable twin.
    String header =
        tamper(
            bad.realPayment(payer, path),
            p -> payload(p).put("bobSignature", highS(payload(p).get("bobSignature").asText())));

    var r = bad.refused(path, header, 400, "invalid_payload");

    assertThat(r.message()).contains("payload.bobSignature").contains("high-s");
    bad.stillPays(payer);
  }

  @Test
  void aSignedCreateForAChannelNotOpenHereIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    String path = ARTICLES + "nowhere";
    PaymentRequirements quoted = bad.quote(path);
    // A stranger's channel address: derived like any other, but never set up with this gateway.
    HttpPayer unopened = HttpPayer.newPayer(stack);
    Channel elsewhere =
        doctored(payer.payer().view(), s -> withChannelAddress(s, unopened.channel()));
    ChannelUpdate create = bad.signedCreate(payer, elsewhere, quoted, quoted.amount()).update();
    assertThat(create.channelAddress()).isEqualTo(unopened.channel());

    var r =
        bad.refused(path, HttpPayer.paymentHeader(path, quoted, create), 402, "channel_not_open");

    assertThat(r.message()).contains(unopened.channel().toString());
    bad.stillPays(payer);
  }

  @Test
  void aSignedCreateForAnotherPayersChannelIsRefused() throws Exception {
    HttpPayer payer = bad.funded();
    HttpPayer victim = bad.funded();
    assertThat(victim.payer().view().nonce()).isEqualTo(payer.payer().view().nonce());
    String path = ARTICLES + "theirs";
    PaymentRequirements quoted = bad.quote(path);
    // The payer signs, with its own key, a create naming the victim's channel.
    Channel theirs = doctored(payer.payer().view(), s -> withChannelAddress(s, victim.channel()));
    ChannelUpdate create = bad.signedCreate(payer, theirs, quoted, quoted.amount()).update();

    var r =
        bad.refused(path, HttpPayer.paymentHeader(path, quoted, create), 402, "not_a_participant");

    assertThat(r.message()).contains(payer.payer().address().toString());
    assertThat(r.body().has("latestUpdate")).as("nothing of the victim's channel").isFalse();
    bad.stillPays(payer);
    bad.stillPays(victim);
  }

  @Test
  void aSignedCreateThatSkipsANonceGets409WithTheNonceButNoState() throws Exception {
    HttpPayer payer = bad.funded();
    String path = ARTICLES + "skip";
    PaymentRequirements quoted = bad.quote(path);
    Channel view = payer.payer().view();
    Channel ahead = doctored(view, s -> withNonce(s, s.nonce() + 1));
    ChannelUpdate create = bad.signedCreate(payer, ahead, quoted, quoted.amount()).update();
    assertThat(create.nonce()).isEqualTo(view.nonce() + 2);

    var r = bad.refused(path, HttpPayer.paymentHeader(path, quoted, create), 409, "skipped_nonce");

    assertThat(r.message()).contains("nonce " + create.nonce());
    assertThat(r.body().get("nonce").asLong()).isEqualTo(view.nonce());
    // Whoever holds the payment header sees this answer: no stored state, double-signed or not.
    assertThat(r.body().has("latestUpdate")).isFalse();
    assertThat(r.settlement().toJson().has("latestUpdate")).isFalse();
    bad.stillPays(payer);
  }

  @Test
  void aSignedCreateForMoreThanTheBalanceIsRefusedAsInsufficientBalance() throws Exception {
    HttpPayer payer = bad.funded();
    String path = ARTICLES + "overdraft";
    PaymentRequirements quoted = bad.quote(path);
    Uint256 tooMuch = Uint256.of(DEPOSIT.add(BigInteger.ONE));
    // Built on a view where the payer holds enough, so its own channel-core signs it.
    Channel richer = doctored(payer.payer().view(), s -> withPayerBalance(s, tooMuch));
    ChannelUpdate create = bad.signedCreate(payer, richer, quoted, tooMuch).update();

    var r =
        bad.refused(
            path, HttpPayer.paymentHeader(path, quoted, create), 402, "insufficient_balance");

    assertThat(r.message()).contains(tooMuch.toString()).contains(DEPOSIT.toString());
    bad.stillPays(payer);
  }

  /** The same signature with s' = n - s and v flipped: valid ECDSA, but malleable. */
  static String highS(String lowS) {
    byte[] sig = Hex.decode(lowS);
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
    assertThat(s).isLessThanOrEqualTo(Signature.HALF_CURVE_ORDER);
    Uint256.of(Signature.CURVE_ORDER.subtract(s)).writeWord(sig, 32);
    sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
    return Hex.encode(sig);
  }
}
