package dev.tollgate.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.json.JsonFormatException;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.ChannelFixture;
import dev.tollgate.core.vectors.ReferenceVectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The inspect command prints what ethers computed for the same objects. */
class InspectTest {

  @Test
  void channelStateWithSignaturesAndTransfers() {
    JsonNode v =
        ReferenceVectors.section("channelStates")
            .filter(x -> x.get("transfers").size() == 3)
            .findFirst()
            .orElseThrow();
    ObjectNode input = ((ObjectNode) v.get("state")).deepCopy();
    input.put("aliceSignature", v.get("aliceSignature").asText());
    input.put("bobSignature", v.get("bobSignature").asText());

    ObjectNode out = Inspect.inspect(input);

    assertThat(out.get("kind").asText()).isEqualTo("channelState");
    assertThat(out.get("encoded").asText()).isEqualTo(v.get("encoded").asText());
    assertThat(out.get("stateHash").asText()).isEqualTo(v.get("stateHash").asText());
    assertThat(out.get("channelCommitment").asText())
        .isEqualTo(v.get("channelCommitment").asText());
    assertThat(out.get("digest").asText()).isEqualTo(v.get("digest").asText());
    assertThat(out.at("/signatures/aliceSignature/signer").asText())
        .isEqualTo(v.at("/state/alice").asText());
    assertThat(out.at("/signatures/aliceSignature/matches").asBoolean()).isTrue();
    assertThat(out.at("/signatures/bobSignature/matches").asBoolean()).isTrue();
  }

  @Test
  void swappedSignaturesAreReportedAsNotMatching() {
    JsonNode v = ReferenceVectors.section("channelStates").findFirst().orElseThrow();
    ObjectNode input = ((ObjectNode) v.get("state")).deepCopy();
    input.put("aliceSignature", v.get("bobSignature").asText());

    ObjectNode out = Inspect.inspect(input);

    assertThat(out.at("/signatures/aliceSignature/signer").asText())
        .isEqualTo(v.at("/state/bob").asText());
    assertThat(out.at("/signatures/aliceSignature/matches").asBoolean()).isFalse();
  }

  @Test
  void transferWithItsNonceAndHashlockState() {
    JsonNode hl = ReferenceVectors.section("hashlocks").skip(3).findFirst().orElseThrow();
    JsonNode v =
        ReferenceVectors.section("channelStates")
            .filter(x -> x.get("transfers").size() > 0)
            .findFirst()
            .orElseThrow();
    ObjectNode t = ((ObjectNode) v.get("transfers").get(0)).deepCopy();
    String expectedHash = t.get("transferStateHash").asText();
    t.remove("encoded");
    t.remove("transferStateHash");

    ObjectNode out = Inspect.inspect(t);
    assertThat(out.get("transferStateHash").asText()).isEqualTo(expectedHash);

    // the id formula: the same inputs as an ethers transferId vector
    JsonNode idVector = ReferenceVectors.section("transferIds").findFirst().orElseThrow();
    t.put("transferDefinition", idVector.get("transferDefinition").asText());
    t.put("channelAddress", idVector.get("channelAddress").asText());
    t.put("transferTimeout", idVector.get("transferTimeout").asText());
    t.put("transferId", idVector.get("transferId").asText());
    t.put("channelNonce", idVector.get("channelNonce").asLong());
    t.putObject("transferState")
        .put("lockHash", hl.get("lockHash").asText())
        .put("expiry", hl.get("expiry").asText());
    t.put("initialStateHash", hl.get("initialStateHash").asText());
    ObjectNode out2 = Inspect.inspect(t);
    assertThat(out2.at("/transferId/matches").asBoolean()).isTrue();
    assertThat(out2.at("/initialStateHash/matches").asBoolean()).isTrue();
    assertThat(out2.at("/initialStateHash/encodedState").asText())
        .isEqualTo(hl.get("encodedState").asText());
  }

  @Test
  void withdrawDataAndSignatureCheck() {
    JsonNode v = ReferenceVectors.section("withdrawals").findFirst().orElseThrow();
    ObjectNode input = ((ObjectNode) v.get("withdrawData")).deepCopy();
    input.put("aliceSignature", v.get("aliceSignature").asText());

    ObjectNode out = Inspect.inspect(input);
    assertThat(out.get("commitment").asText()).isEqualTo(v.get("commitment").asText());
    assertThat(out.get("digest").asText()).isEqualTo(v.get("digest").asText());

    ObjectNode check = ChannelJson.MAPPER.createObjectNode();
    check.put("digest", v.get("digest").asText());
    check.put("signature", v.get("bobSignature").asText());
    String bob =
        dev.tollgate.core.crypto.LocalKeySigner.fromHex(v.get("bobPrivateKey").asText())
            .address()
            .toString();
    assertThat(Inspect.inspect(check).at("/signature/signer").asText()).isEqualTo(bob);
  }

  @Test
  void anUnrecoverableSignatureIsSaidToBeSo() {
    ObjectNode check = ChannelJson.MAPPER.createObjectNode();
    check.put("digest", "0x" + "ab".repeat(32));
    check.put("signature", "0x" + "11".repeat(32) + "22".repeat(32) + "1b");
    ObjectNode out = Inspect.inspect(check);
    assertThat(out.at("/signature/signer").isNull()).isTrue();
    assertThat(out.at("/signature/error").asText()).contains("does not recover");
  }

  @Test
  void activeTransfersAreCheckedAgainstTheMerkleRoot() {
    ChannelFixture f = new ChannelFixture();
    Channel c = f.funded(0, 1_000);
    for (int seed = 1; seed <= 3; seed++) {
      c =
          f.round(
              c,
              f.bob,
              f.alice,
              f.hashlock(f.bob, f.alice, 10 * seed, ChannelFixture.preImage(seed), 0),
              f.inputs());
    }
    ObjectNode json = ChannelJson.toJson(c);
    assertThat(Inspect.inspect(json).at("/merkleRoot/matches").asBoolean()).isTrue();
    assertThat(Inspect.inspect(json).at("/merkleRoot/computed").asText())
        .isEqualTo(c.state().merkleRoot().toHex());

    // a transfer whose locked amount was altered no longer hashes to a leaf of the signed root
    ((ArrayNode) json.get("activeTransfers").get(1).get("balance").get("amount")).set(0, "31");
    assertThat(Inspect.inspect(json).at("/merkleRoot/matches").asBoolean()).isFalse();

    json.put("activeTransfers", "none");
    assertThatThrownBy(() -> Inspect.inspect(json))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageStartingWith("activeTransfers: expected an array");
  }

  @Test
  void unknownObjectsAreRefusedWithWhatIsAccepted() {
    assertThatThrownBy(() -> Inspect.inspect(ChannelJson.parse("{\"foo\":1}")))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("not a channel state");
  }

  @Test
  void demoConservesValue() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      PaymentDemo.main(new String[] {"25"});
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("nonce 52").contains("25 payments of 0.001000 TEST");
    assertThat(out).contains("final balances: gateway 0.025000 TEST, payer 9.975000 TEST");
    assertThat(out).contains("conservation: balances 10.000000 TEST = deposits 10.000000 TEST  ok");
  }
}
