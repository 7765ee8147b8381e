package dev.tollgate.functions.fuzz;

import static dev.tollgate.functions.fuzz.Family.OTHER_CHANNEL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.protocol.Transition;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import java.util.Optional;

/**
 * Creates for a channel that is not the payer's: the payer signs, with its own key, a create naming
 * another payer's channel, a channel never opened, or an address that is no channel; another
 * payer's own create is signed by the wrong key or claims to come from the payer. Another payer's
 * genuine create is never sent as it is: it would be a valid payment.
 */
final class OtherChannelCases extends CaseSource {
  OtherChannelCases(PaymentMaterial m) {
    super(OTHER_CHANNEL);
    kind(
        "payer-signs-for-another-payers-channel",
        (kind, r) -> {
          Payment p = m.payment(r);
          Payment signed = m.paymentFor(p.path(), p.accepted(), m.viewIn(m.victim().channel()));
          return FuzzCase.of(OTHER_CHANNEL, kind, p.path(), signed.header());
        });
    kind(
        "payer-signs-for-an-unopened-channel",
        (kind, r) -> {
          Payment p = m.payment(r);
          Payment signed = m.paymentFor(p.path(), p.accepted(), m.viewIn(m.unopenedChannel()));
          return FuzzCase.of(OTHER_CHANNEL, kind, p.path(), signed.header())
              .expecting("channel_not_open");
        });
    kind(
        "payer-signs-for-a-random-address",
        (kind, r) -> {
          Payment p = m.payment(r);
          Address nowhere = Address.fromHex(Mutate.otherAddress(r));
          Payment signed = m.paymentFor(p.path(), p.accepted(), m.viewIn(nowhere));
          return FuzzCase.of(OTHER_CHANNEL, kind, p.path(), signed.header())
              .expecting("channel_not_open");
        });
    kind(
        "another-payers-create-signed-by-the-payer",
        (kind, r) -> {
          Payment p = m.payment(r);
          Transition theirs = m.signedCreate(m.victim(), m.victim().payer().view(), p.accepted());
          ChannelUpdate forged =
              theirs
                  .update()
                  .withSignatures(
                      Optional.empty(), Optional.of(m.payerSigner().sign(theirs.stateDigest())));
          return FuzzCase.of(OTHER_CHANNEL, kind, p.path(), header(p, forged))
              .expecting("bad_signature");
        });
    kind(
        "another-payers-create-claiming-to-be-the-payers",
        (kind, r) -> {
          Payment p = m.payment(r);
          Transition theirs = m.signedCreate(m.victim(), m.victim().payer().view(), p.accepted());
          ObjectNode json = Headers.json(header(p, theirs.update()));
          JsonTree.setText(json, "payload.fromIdentifier", m.payerAddress().toString());
          return FuzzCase.of(OTHER_CHANNEL, kind, p.path(), Payment.base64(json));
        });
    kind(
        "another-payers-create-in-the-payers-channel",
        (kind, r) -> {
          Payment p = m.payment(r);
          Transition theirs = m.signedCreate(m.victim(), m.victim().payer().view(), p.accepted());
          ObjectNode json = Headers.json(header(p, theirs.update()));
          JsonTree.setText(json, "payload.channelAddress", m.payer().channel().toString());
          return FuzzCase.of(OTHER_CHANNEL, kind, p.path(), Payment.base64(json));
        });
  }

  private static String header(Payment p, ChannelUpdate create) {
    return new Payment(p.path(), p.accepted(), create, create).header();
  }
}
