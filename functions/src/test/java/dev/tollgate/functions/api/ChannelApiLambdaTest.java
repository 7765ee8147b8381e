package dev.tollgate.functions.api;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.ChainInputs;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.PublisherCalls;
import dev.tollgate.x402.PaymentRequirements;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The channel API and the facilitator routes through the Lambda handler. */
class ChannelApiLambdaTest extends OnStackTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(50_000);

  private HttpPayer funded() throws Exception {
    return funded(DEPOSIT);
  }

  @Test
  void gatewayInfoNamesTheNetworkAndContracts() {
    JsonNode info = ChannelJson.parse(stack.lambda().get("/gateway", Map.of()).body());

    assertThat(info.get("network").asText()).isEqualTo("eip155:31337");
    assertThat(info.get("mastercopy").asText())
        .isEqualTo(stack.deployment().mastercopy().toChecksumHex());
    assertThat(info.get("assets").get(0).asText()).isEqualTo(stack.token().toChecksumHex());
    assertThat(info.get("routing").toString()).isEqualTo("{\"role\":\"standalone\"}");
  }

  @Test
  void aDepositTheChainHasNotSeenIsRefusedAndNothingChanges() throws Exception {
    HttpPayer payer = HttpPayer.newPayer(stack);
    payer.open();
    var claimed = new dev.tollgate.core.protocol.DepositTotals(Uint256.ZERO, Uint256.of(5_000));

    LambdaInvoker.Response r =
        payer.post(
            "/channels/" + payer.channel() + "/deposits",
            HttpPayer.body(
                "update", payer.payer().deposit(stack.token(), claimed, HttpPayer.now())));

    assertThat(r.status()).isEqualTo(402);
    assertThat(ChannelJson.parse(r.body()).get("error").asText()).isEqualTo("no_new_deposit");
    assertThat(JsonAssert.stored(stack, payer).nonce()).isEqualTo(1);
  }

  @Test
  void historyRestoresAPayerThatLostItsState() throws Exception {
    HttpPayer payer = funded();
    for (int i = 0; i < 3; i++) {
      assertThat(payer.get(ARTICLES + "h" + i).status()).isEqualTo(200);
    }
    HttpPayer restored =
        new HttpPayer(
            stack,
            dev.tollgate.functions.harness.TestPayer.restore(
                payer.payer().party(), stack.network(), gateway));

    restored.sync();

    assertThat(restored.payer().view().state()).isEqualTo(payer.payer().view().state());
    assertThat(restored.get(ARTICLES + "after-restore").status()).isEqualTo(200);
  }

  @Test
  void unknownChannelsAndMalformedRequestsAreNamed() {
    LambdaInvoker.Response unknown =
        stack.lambda().get("/channels/0x00000000000000000000000000000000000000aa", Map.of());
    LambdaInvoker.Response badAddress = stack.lambda().get("/channels/0x1234", Map.of());
    LambdaInvoker.Response noBody =
        stack.lambda().post("/channels", Map.of("content-type", "application/json"), "");
    LambdaInvoker.Response array =
        stack.lambda().post("/channels", Map.of("content-type", "application/json"), "[1]");

    // Without the operator's token, an unknown channel is as unreadable as anyone else's.
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(error(unknown)).isEqualTo("unauthorized");
    assertThat(badAddress.status()).isEqualTo(400);
    assertThat(ChannelJson.parse(badAddress.body()).get("detail").asText()).contains("0x1234");
    assertThat(noBody.status()).isEqualTo(400);
    assertThat(array.status()).isEqualTo(400);
    assertThat(ChannelJson.parse(array.body()).get("detail").asText()).contains("ARRAY");
  }

  @Test
  void aWithdrawalComesBackWithTheCommitmentBothSigned() throws Exception {
    HttpPayer payer = funded();
    Address recipient = Address.fromHex("0x00000000000000000000000000000000000fee11");
    WithdrawData data = payer.withdrawData(recipient, 20_000);
    Bytes32 commitment = ChannelHashes.withdrawCommitment(data);

    LambdaInvoker.Response r = payer.withdraw(data);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode withdrawal = ChannelJson.parse(r.body()).get("withdrawal");
    assertThat(ChannelJson.withdrawData(withdrawal.get("data"), "data")).isEqualTo(data);
    assertThat(
            Secp256k1Signatures.isSignedBy(
                ChannelHashes.signedDigest(commitment),
                Signature.fromHex(withdrawal.get("aliceSignature").asText()),
                gateway))
        .isTrue();
    assertThat(payer.payer().balanceOf(stack.token(), 1).value())
        .isEqualTo(DEPOSIT.subtract(BigInteger.valueOf(20_000)));
  }

  @Test
  void aPublishersServerQuotesVerifiesAndSettles() throws Exception {
    HttpPayer payer = funded();
    String url = "https://news.example/articles/42";
    PublisherCalls publisher = PublisherCalls.of(stack);
    BigInteger price = BigInteger.valueOf(777);
    PaymentRequirements accepted = publisher.quote(url, price);
    ChannelUpdate create = payer.createFor(accepted);

    JsonNode verified =
        PublisherCalls.json(publisher.verify(url, price, accepted, create, Optional.empty()));
    JsonNode wrongResource =
        PublisherCalls.json(
            publisher.verify(
                "https://news.example/articles/43", price, accepted, create, Optional.empty()));
    LambdaInvoker.Response settled =
        publisher.settle(url, price, accepted, create, Optional.empty());

    assertThat(verified.get("isValid").asBoolean()).isTrue();
    assertThat(verified.get("payer").asText()).isEqualTo(payer.payer().address().toChecksumHex());
    assertThat(wrongResource.get("isValid").asBoolean()).isFalse();
    assertThat(wrongResource.get("invalidReason").asText()).isEqualTo("resource_mismatch");
    assertThat(settled.status()).as(settled.body()).isEqualTo(200);
    JsonNode settlement = ChannelJson.parse(settled.body());
    assertThat(settlement.get("success").asBoolean()).isTrue();
    payer
        .payer()
        .accept(
            java.util.List.of(
                ChannelJson.update(settlement.get("createUpdate"), "createUpdate"),
                ChannelJson.update(settlement.get("resolveUpdate"), "resolveUpdate")),
            ChainInputs.at(HttpPayer.now()));
    assertThat(payer.payer().balanceOf(stack.token(), 0)).isEqualTo(Uint256.of(777));
    JsonAssert.assertStoredMatches(stack, payer, DEPOSIT);
  }

  private static String error(LambdaInvoker.Response r) {
    return ChannelJson.parse(r.body()).get("error").asText();
  }
}
