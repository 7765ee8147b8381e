package dev.tollgate.contracts;

import static dev.tollgate.contracts.ChannelSession.CHANNEL_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.core.protocol.Channel;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Measures the gas of a channel's whole life on chain with 1,000 payments made off chain, and
 * writes the table BENCHMARKS.md quotes to target/gas-report.md. Gas is deterministic for the same
 * contracts and compiler, so these are exact figures, not samples.
 */
class GasFiguresTest extends OnChainTest {
  private static final int PAYMENTS = 1_000;
  private static final long PRICE = 1_000;

  private final Map<String, BigInteger> gas = new LinkedHashMap<>();

  @Test
  void aChannelCarryingAThousandPaymentsCostsLessGasPerPaymentThanOneTokenTransfer()
      throws Exception {
    long bobDeposit = 2_000_000;
    long aliceDeposit = 100_000;
    ChannelSession session = new ChannelSession(chain);
    session.setup();
    // Bob keeps one price back for the plain transfer measured at the end, so his deposit is a
    // payer's usual transfer (his balance stays non-zero), not one that empties his account.
    chain.mint(chain.bob, PRICE);
    OpeningReceipts opening = depositOnChain(session, aliceDeposit, bobDeposit);
    record("bob's deposit (ERC20 transfer to the channel address)", opening.bobsTransfer());
    record("alice's approve of the factory", opening.alicesApprove());
    record("createChannelAndDepositAlice", opening.createAndDeposit());
    session.deposit(token());
    for (int i = 0; i < PAYMENTS; i++) {
      session.pay(PRICE, ChannelSession.preImage(i));
    }

    // The cooperative end: bob takes his change out with one double-signed withdrawal.
    long bobLeft = bobDeposit - PAYMENTS * PRICE;
    ChannelSession.SignedWithdrawal withdrawal = session.withdrawForBob(bobLeft / 2);
    record(
        "cooperative withdraw",
        contract(session, chain.bob)
            .withdraw(
                ChannelStructs.of(withdrawal.data()),
                withdrawal.aliceSignature().toArray(),
                withdrawal.bobSignature().toArray())
            .send());

    // The contested end, from the state after all payments and the withdrawal.
    Channel latest = session.latest();
    record("disputeChannel", dispute(session, latest, chain.alice));
    chain.anvil.advance(CHANNEL_TIMEOUT);
    record(
        "defundChannel (one asset)",
        contract(session, chain.alice)
            .defundChannel(
                ChannelStructs.of(latest.state()), List.of(tokenHex()), List.of(BigInteger.ZERO))
            .send());
    record(
        "exit (alice)",
        contract(session, chain.alice)
            .exit(tokenHex(), chain.alice.getAddress(), chain.alice.getAddress())
            .send());
    record(
        "exit (bob)",
        contract(session, chain.bob)
            .exit(tokenHex(), chain.bob.getAddress(), chain.bob.getAddress())
            .send());
    record(
        "plain ERC20 transfer (one payment without a channel)",
        chain
            .token(chain.bob)
            .transfer(chain.alice.getAddress(), BigInteger.valueOf(PRICE))
            .send());

    assertThat(chain.tokenBalance(session.address)).isZero();
    assertConserved(session);
    assertThat(chain.tokenBalance(LocalChain.address(chain.alice)))
        .isEqualTo(aliceDeposit + PAYMENTS * PRICE + PRICE);

    BigInteger open =
        sum(
            "bob's deposit (ERC20 transfer to the channel address)",
            "alice's approve of the factory",
            "createChannelAndDepositAlice");
    BigInteger disputeClose =
        sum("disputeChannel", "defundChannel (one asset)", "exit (alice)", "exit (bob)");
    BigInteger cooperativeClose = gas.get("cooperative withdraw").multiply(BigInteger.TWO);
    BigInteger plain = gas.get("plain ERC20 transfer (one payment without a channel)");
    BigInteger perPaymentDisputed = open.add(disputeClose).divide(BigInteger.valueOf(PAYMENTS));
    BigInteger perPaymentCooperative =
        open.add(cooperativeClose).divide(BigInteger.valueOf(PAYMENTS));

    assertThat(perPaymentDisputed).isLessThan(plain);
    assertThat(perPaymentCooperative).isLessThan(perPaymentDisputed);
    writeReport(
        open, cooperativeClose, disputeClose, perPaymentCooperative, perPaymentDisputed, plain);
  }

  private void record(String what, TransactionReceipt receipt) {
    assertThat(receipt.isStatusOK()).as(what).isTrue();
    gas.put(what, receipt.getGasUsed());
  }

  private BigInteger sum(String... names) {
    BigInteger total = BigInteger.ZERO;
    for (String name : names) {
      total = total.add(gas.get(name));
    }
    return total;
  }

  private void writeReport(
      BigInteger open,
      BigInteger cooperativeClose,
      BigInteger disputeClose,
      BigInteger perPaymentCooperative,
      BigInteger perPaymentDisputed,
      BigInteger plain)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("| transaction | gas used |\n|---|---:|\n");
    gas.forEach(
        (what, used) -> md.append("| ").append(what).append(" | ").append(used).append(" |\n"));
    md.append("\n| per channel of ")
        .append(PAYMENTS)
        .append(" payments | gas |\n|---|---:|\n")
        .append("| open: bob's deposit + alice's approve + createChannelAndDepositAlice | ")
        .append(open)
        .append(" |\n")
        .append("| cooperative close: 2 × the withdraw above (bob's change, alice's revenue) | ")
        .append(cooperativeClose)
        .append(" |\n")
        .append("| disputed close: disputeChannel + defundChannel + two exits | ")
        .append(disputeClose)
        .append(" |\n")
        .append("| per payment, cooperative close | ")
        .append(perPaymentCooperative)
        .append(" |\n")
        .append("| per payment, disputed close | ")
        .append(perPaymentDisputed)
        .append(" |\n")
        .append("| per payment without a channel (one ERC20 transfer each) | ")
        .append(plain)
        .append(" |\n");
    Path out = Path.of("target", "gas-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);
  }
}
