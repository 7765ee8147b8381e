package dev.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.EventTopics;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * One anvil chain and deployment per test class; each test runs from a snapshot taken after the
 * deployment and restored afterwards, so tests cannot see each other's channels or time travel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnChainTest {
  LocalChain chain;
  private String snapshot;

  @BeforeAll
  void startChain() throws Exception {
    chain = LocalChain.start();
  }

  @AfterAll
  void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  @BeforeEach
  void takeSnapshot() {
    snapshot = chain.anvil.snapshot();
  }

  @AfterEach
  void restoreSnapshot() {
    chain.anvil.revertTo(snapshot);
  }

  Address token() {
    return chain.deployment.testToken();
  }

  String tokenHex() {
    return ChannelStructs.hex(token());
  }

  /**
   * A set-up channel with both deposits made on chain and reconciled: bob by a plain transfer to
   * the channel address before it exists, alice through createChannelAndDepositAlice.
   */
  ChannelSession fundedChannel(long aliceDeposit, long bobDeposit) throws Exception {
    ChannelSession session = new ChannelSession(chain);
    session.setup();
    depositOnChain(session, aliceDeposit, bobDeposit);
    session.deposit(token());
    return session;
  }

  /** The on-chain transactions of opening a channel. */
  record OpeningReceipts(
      TransactionReceipt bobsTransfer,
      TransactionReceipt alicesApprove,
      TransactionReceipt createAndDeposit) {}

  /** Mints both deposits, then bob pays the channel address and alice creates it with hers. */
  OpeningReceipts depositOnChain(ChannelSession session, long aliceDeposit, long bobDeposit)
      throws Exception {
    chain.mint(chain.bob, bobDeposit);
    chain.mint(chain.alice, aliceDeposit);
    TransactionReceipt transfer =
        chain
            .token(chain.bob)
            .transfer(ChannelStructs.hex(session.address), BigInteger.valueOf(bobDeposit))
            .send();
    TransactionReceipt approve =
        chain
            .token(chain.alice)
            .approve(
                ChannelStructs.hex(chain.deployment.channelFactory()),
                BigInteger.valueOf(aliceDeposit))
            .send();
    TransactionReceipt create =
        chain
            .factory(chain.alice)
            .createChannelAndDepositAlice(
                chain.alice.getAddress(),
                chain.bob.getAddress(),
                tokenHex(),
                BigInteger.valueOf(aliceDeposit),
                BigInteger.ZERO)
            .send();
    return new OpeningReceipts(transfer, approve, create);
  }

  /** {@code by} disputes the channel with {@code state} and the two signatures on it. */
  TransactionReceipt dispute(ChannelSession session, Channel state, Credentials by)
      throws Exception {
    return contract(session, by)
        .disputeChannel(
            ChannelStructs.of(state.state()),
            ChannelSession.aliceSignature(state).toArray(),
            ChannelSession.bobSignature(state).toArray())
        .send();
  }

  ChannelMastercopy contract(ChannelSession session, Credentials sender) {
    return chain.channel(session.address, sender);
  }

  /** Defunds the test token from the disputed state {@code ccs} (asset index 0). */
  void defundToken(ChannelSession session, Channel disputed) throws Exception {
    TransactionReceipt receipt =
        contract(session, chain.carol)
            .defundChannel(
                ChannelStructs.of(disputed.state()), List.of(tokenHex()), List.of(BigInteger.ZERO))
            .send();
    assertEmitted(receipt, "ChannelMastercopy", "ChannelDefunded", session.address);
  }

  /** Each party exits its test-token credit to itself; returns what each received. */
  BigInteger exit(ChannelSession session, Credentials owner) throws Exception {
    BigInteger before = chain.tokenBalance(LocalChain.address(owner));
    TransactionReceipt receipt =
        contract(session, owner).exit(tokenHex(), owner.getAddress(), owner.getAddress()).send();
    assertEmitted(receipt, "ChannelMastercopy", "Exited", session.address);
    return chain.tokenBalance(LocalChain.address(owner)).subtract(before);
  }

  /** Tokens held by the channel plus tokens it paid out equal tokens sent to it. */
  void assertConserved(ChannelSession session) throws Exception {
    BigInteger held = chain.tokenBalance(session.address);
    BigInteger paidOut = chain.tokensTransferredFrom(session.address);
    BigInteger deposited = chain.tokensTransferredTo(session.address);
    assertThat(held.add(paidOut)).as("held + paid out = deposited").isEqualTo(deposited);
  }

  /**
   * {@code receipt} has a log of {@code event}, as declared in {@code contract}'s ABI, from {@code
   * emitter}.
   */
  static void assertEmitted(
      TransactionReceipt receipt, String contract, String event, Address emitter) {
    String topic = EventTopics.of(contract).topic(event);
    assertThat(receipt.getLogs())
        .as("%s logs of %s", event, receipt.getTransactionHash())
        .anySatisfy(
            log -> {
              assertThat(log.getTopics().get(0)).isEqualTo(topic);
              assertThat(Address.fromHex(log.getAddress().toLowerCase())).isEqualTo(emitter);
            });
  }

  static void assertReverts(String reason, RemoteFunctionCall<?> call) {
    // Some nodes prefix the decoded reason with "execution reverted: ".
    assertThatThrownBy(call::send)
        .isInstanceOf(TransactionException.class)
        .hasMessageMatching(
            "(?s).*Revert reason: '(execution reverted: )?" + Pattern.quote(reason) + "'.*");
  }
}
