package dev.tollgate.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.failure.Outcome;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.TransferMeta;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateParams;
import org.junit.jupiter.api.Test;

/**
 * A create's {@code meta} (vector's routing data: routingId, path, quote) travels with the update
 * through proposal, countersignature and JSON, and is not part of what is signed: a relay can
 * change it without breaking a signature, so what moves money (the lock, the amounts, the timeouts)
 * must never rest on meta alone.
 */
class TransferMetaTest {
  private final ChannelFixture f = new ChannelFixture();

  private static TransferMeta routing(String recipient) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.put("routingId", "0x" + "ab".repeat(32));
    meta.putArray("path").addObject().put("recipient", recipient).put("recipientChainId", 1337);
    return TransferMeta.of(meta);
  }

  private UpdateParams.Create withMeta(UpdateParams.Create p, TransferMeta meta) {
    return new UpdateParams.Create(
        p.assetId(),
        p.balance(),
        p.transferDefinition(),
        p.transferTimeout(),
        p.transferInitialState(),
        meta);
  }

  @Test
  void metaTravelsWithTheCreateAndThroughJsonButIsNotSigned() {
    Channel funded = f.funded(0, 10_000);
    UpdateParams.Create plain = f.hashlock(f.bob, f.alice, 1_500, ChannelFixture.preImage(1), 0);
    TransferMeta meta = routing("0x" + "12".repeat(20));

    Channel routed = f.round(funded, f.bob, f.alice, withMeta(plain, meta), f.inputs());
    Channel direct = f.round(funded, f.bob, f.alice, plain, f.inputs());

    ChannelUpdate routedCreate = routed.latestUpdate().orElseThrow();
    ChannelUpdate directCreate = direct.latestUpdate().orElseThrow();
    assertThat(((UpdateDetails.Create) routedCreate.details()).meta()).isEqualTo(meta);
    assertThat(((UpdateDetails.Create) directCreate.details()).meta().isEmpty()).isTrue();
    assertThat(routedCreate.aliceSignature()).isEqualTo(directCreate.aliceSignature());
    assertThat(routedCreate.bobSignature()).isEqualTo(directCreate.bobSignature());
    assertThat(routed.state()).isEqualTo(direct.state());
    ChannelUpdate reread = ChannelJson.update(ChannelJson.toJson(routedCreate), "update");
    assertThat(reread).isEqualTo(routedCreate);
    assertThat(ChannelJson.toJson(directCreate).get("details").has("meta")).isFalse();
  }

  @Test
  void metaIsNotSignedSoARelayCanChangeItWithoutBreakingASignature() {
    Channel funded = f.funded(0, 10_000);
    UpdateParams.Create plain = f.hashlock(f.bob, f.alice, 1_500, ChannelFixture.preImage(2), 0);
    Transition proposed =
        ChannelFixture.okOrFail(
            f.bob.propose(funded, withMeta(plain, routing("0x" + "12".repeat(20))), f.inputs()));
    UpdateDetails.Create d = (UpdateDetails.Create) proposed.update().details();
    UpdateDetails.Create redirected =
        new UpdateDetails.Create(
            d.transferId(),
            d.balance(),
            d.transferDefinition(),
            d.transferTimeout(),
            d.transferInitialState(),
            d.transferEncodings(),
            d.merkleRoot(),
            routing("0x" + "66".repeat(20)));
    ChannelUpdate u = proposed.update();
    ChannelUpdate tampered =
        new ChannelUpdate(
            u.channelAddress(),
            u.fromIdentifier(),
            u.toIdentifier(),
            u.nonce(),
            u.balance(),
            u.assetId(),
            redirected,
            u.aliceSignature(),
            u.bobSignature());

    Outcome<Transition> received = f.alice.countersign(funded, tampered, f.inputs());

    // As in vector: the signatures cover the channel state, and meta is not in it.
    assertThat(received.isOk()).as(String.valueOf(received)).isTrue();
    assertThat(((UpdateDetails.Create) received.value().update().details()).meta())
        .isEqualTo(routing("0x" + "66".repeat(20)));
  }

  @Test
  void metaIsAJsonObjectOrAbsent() {
    ObjectNode update =
        ChannelJson.toJson(
            f.round(
                    f.funded(0, 10_000),
                    f.bob,
                    f.alice,
                    f.hashlock(f.bob, f.alice, 1, ChannelFixture.preImage(3), 0),
                    f.inputs())
                .latestUpdate()
                .orElseThrow());
    ((ObjectNode) update.get("details")).putArray("meta");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChannelJson.update(update, "update"))
        .hasMessageContaining("update.details.meta");
  }
}
