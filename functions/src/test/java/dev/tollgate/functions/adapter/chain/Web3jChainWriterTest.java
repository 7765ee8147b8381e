package dev.tollgate.functions.adapter.chain;

import static dev.tollgate.functions.harness.SignedChannel.CHANNEL_TIMEOUT;
import static dev.tollgate.functions.harness.SignedChannel.aliceSignature;
import static dev.tollgate.functions.harness.SignedChannel.bobSignature;
import static dev.tollgate.functions.harness.SignedChannel.preImage;
import static dev.tollgate.functions.harness.SignedChannel.proof;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.contracts.chain.Web3jAdjudicatorReader;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.port.ChainCallRevertedException;
import dev.tollgate.core.port.SentTransaction;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.functions.harness.SignedChannel;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway's side of a dispute, sent by the writer through the transaction sender against the
 * real adjudicator: every token the channel held leaves it to alice or bob, exactly as the disputed
 * state and the proven payment say.
 */
class Web3jChainWriterTest extends SenderChainTest {

  @Test
  void theGatewayDisputesDefundsItsPaymentAndExitsBothSidesWithNothingLostOrCreated()
      throws Exception {
    LocalKeySigner gateway = fundedKey();
    NonceLedger ledger = freshLedger();
    Web3jChainWriter writer =
        new Web3jChainWriter(chain.web3j, sender(gateway, ledger, testSettings()));
    Web3jAdjudicatorReader reader = new Web3jAdjudicatorReader(chain.web3j);
    SignedChannel channel = new SignedChannel(chain, gateway, chain.bob);
    channel.open(1_000_000);
    channel.pay(100_000, preImage(1));
    Bytes32 owed = channel.lockPayment(40_000, preImage(2));
    Channel latest = channel.latest();
    BigInteger held = chain.tokenBalance(channel.address());
    BigInteger aliceBefore = chain.tokenBalance(gateway.address());
    BigInteger bobBefore = chain.tokenBalance(channel.bobAddress());
    assertThat(held).isEqualTo(1_000_000);

    List<SentTransaction> sent = new ArrayList<>();
    sent.add(writer.disputeChannel(latest.state(), aliceSignature(latest), bobSignature(latest)));
    assertThat(reader.channelDispute(channel.address()).channelStateHash())
        .isEqualTo(ChannelHashes.stateHash(latest.state()));
    chain.anvil.advance(CHANNEL_TIMEOUT);

    ActiveTransfer transfer = latest.activeTransfers().get(owed);
    sent.add(writer.disputeTransfer(transfer.core(), proof(latest, owed)));
    sent.add(
        writer.defundTransfer(
            transfer.core(),
            transfer.initialState().encode(),
            new HashlockResolver(preImage(2)).encode()));
    assertThat(reader.transferDispute(channel.address(), owed).defunded()).isTrue();
    sent.add(writer.defundChannel(latest.state(), List.of(chain.token()), List.of(0)));
    sent.add(writer.exit(channel.address(), chain.token(), gateway.address()));
    sent.add(writer.exit(channel.address(), chain.token(), channel.bobAddress()));

    BigInteger aliceGot = chain.tokenBalance(gateway.address()).subtract(aliceBefore);
    BigInteger bobGot = chain.tokenBalance(channel.bobAddress()).subtract(bobBefore);
    assertThat(aliceGot).as("paid off chain + proven on chain").isEqualTo(140_000);
    assertThat(bobGot).isEqualTo(860_000);
    assertThat(aliceGot.add(bobGot)).as("what the channel held").isEqualTo(held);
    assertThat(chain.tokenBalance(channel.address())).isZero();

    for (SentTransaction tx : sent) {
      assertThat(chain.transaction(tx.hash()).orElseThrow().getFrom())
          .isEqualToIgnoringCase(gateway.address().toChecksumHex());
    }
    assertThat(ledger.recordedFrom(gateway.address(), 0))
        .extracting(RecordedTransaction::call)
        .containsExactly(
            "disputeChannel(" + channel.address() + ")",
            "disputeTransfer(" + channel.address() + ", " + owed + ")",
            "defundTransfer(" + channel.address() + ", " + owed + ")",
            "defundChannel(" + channel.address() + ")",
            "exit(" + channel.address() + ", " + chain.token() + ", " + gateway.address() + ")",
            "exit(" + channel.address() + ", " + chain.token() + ", " + channel.bobAddress() + ")");
  }

  @Test
  void aDisputeTheContractWouldRefuseThrowsItsReasonAndNeitherSendsNorRecordsAnything()
      throws Exception {
    LocalKeySigner gateway = fundedKey();
    NonceLedger ledger = freshLedger();
    Web3jChainWriter writer =
        new Web3jChainWriter(chain.web3j, sender(gateway, ledger, testSettings()));
    SignedChannel channel = new SignedChannel(chain, gateway, chain.bob);
    channel.open(300_000);
    channel.pay(20_000, preImage(3));
    Channel latest = channel.latest();
    Signature outsider =
        LocalKeySigner.random(new SecureRandom()).sign(ChannelHashes.channelDigest(latest.state()));

    assertThatThrownBy(() -> writer.disputeChannel(latest.state(), outsider, bobSignature(latest)))
        .isInstanceOfSatisfying(
            ChainCallRevertedException.class,
            e -> {
              assertThat(e.call()).isEqualTo("disputeChannel(" + channel.address() + ")");
              assertThat(e.reason()).isEqualTo("ChannelAdjudicator: INVALID_ALICE_SIG");
            });

    Address sender = gateway.address();
    assertThat(ledger.nextNonce(sender)).isZero();
    assertThat(ledger.recordedFrom(sender, 0)).isEmpty();
    assertThat(new Web3jChainRpc(chain.web3j).transactionCount(sender, true)).isZero();
    assertThat(new Web3jAdjudicatorReader(chain.web3j).channelDispute(channel.address()).exists())
        .isFalse();
  }
}
