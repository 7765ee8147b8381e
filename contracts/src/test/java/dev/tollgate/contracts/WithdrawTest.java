package dev.tollgate.contracts;

import static dev.tollgate.contracts.ChannelSession.CHANNEL_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.WithdrawResolver;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class WithdrawTest extends OnChainTest {

  @Test
  void bobWithdrawsPartOfHisBalanceOnceAndAReplayReverts() throws Exception {
    ChannelSession session = fundedChannel(200_000, 1_000_000);
    session.pay(100_000, ChannelSession.preImage(1));
    ChannelSession.SignedWithdrawal withdrawal = session.withdrawForBob(300_000);
    CoreChannelState afterWithdraw = session.latest().state();
    assertThat(afterWithdraw.balances().get(0).amount1()).isEqualTo(Uint256.of(600_000));
    assertThat(afterWithdraw.balances().get(0).amount0()).isEqualTo(Uint256.of(300_000));

    BigInteger bobBefore = chain.tokenBalance(LocalChain.address(chain.bob));
    // Anyone can send a double-signed withdrawal; the money goes to the named recipient.
    var call =
        contract(session, chain.carol)
            .withdraw(
                ChannelStructs.of(withdrawal.data()),
                withdrawal.aliceSignature().toArray(),
                withdrawal.bobSignature().toArray());
    assertEmitted(call.send(), "ChannelMastercopy", "WithdrawalExecuted", session.address);
    assertThat(chain.tokenBalance(LocalChain.address(chain.bob)).subtract(bobBefore))
        .isEqualTo(300_000);
    assertThat(
            contract(session, chain.carol)
                .getWithdrawalTransactionRecord(ChannelStructs.of(withdrawal.data()))
                .send())
        .isTrue();

    assertReverts("ChannelWithdrawals: ALREADY_EXECUTED", call);
    assertThat(chain.tokenBalance(LocalChain.address(chain.bob)).subtract(bobBefore))
        .isEqualTo(300_000);
    assertThat(chain.tokenBalance(session.address)).isEqualTo(900_000);
    assertConserved(session);

    // What is left in the channel still settles exactly: the withdrawal is not paid twice.
    assertThat(session.latest().state()).isEqualTo(afterWithdraw);
    dispute(session, session.latest(), chain.alice);
    chain.anvil.advance(CHANNEL_TIMEOUT);
    defundToken(session, session.latest());
    assertThat(exit(session, chain.alice)).isEqualTo(300_000);
    assertThat(exit(session, chain.bob)).isEqualTo(600_000);
    assertThat(chain.tokenBalance(session.address)).isZero();
    assertConserved(session);
  }

  @Test
  void aWithdrawalSignedOnlyByBobIsRefused() throws Exception {
    ChannelSession session = fundedChannel(0, 500_000);
    ChannelSession.SignedWithdrawal withdrawal = session.withdrawForBob(100_000);
    assertReverts(
        "ChannelWithdrawals: INVALID_ALICE_SIG",
        contract(session, chain.bob)
            .withdraw(
                ChannelStructs.of(withdrawal.data()),
                withdrawal.bobSignature().toArray(),
                withdrawal.bobSignature().toArray()));
    assertThat(chain.tokenBalance(session.address)).isEqualTo(500_000);
    assertConserved(session);
  }

  /**
   * A state that still locks an executed withdrawal in a Withdraw transfer: defunded with the
   * responder's signature the transfer pays only its fee, so the withdrawn amount is not paid to
   * bob a second time, and each side exits exactly its balance.
   */
  @Test
  void aWithdrawTransferClosedOutWithTheResponderSignaturePaysTheWithdrawnAmountOnlyOnce()
      throws Exception {
    ChannelSession session = fundedChannel(200_000, 1_000_000);
    ChannelSession.SignedWithdrawal withdrawal = session.withdrawForBob(300_000);
    Channel withLock = session.previous();
    ActiveTransfer lock = withLock.activeTransfers().values().iterator().next();
    BigInteger bobBefore = chain.tokenBalance(LocalChain.address(chain.bob));
    contract(session, chain.carol)
        .withdraw(
            ChannelStructs.of(withdrawal.data()),
            withdrawal.aliceSignature().toArray(),
            withdrawal.bobSignature().toArray())
        .send();

    dispute(session, withLock, chain.bob);
    chain.anvil.advance(CHANNEL_TIMEOUT);
    contract(session, chain.bob)
        .disputeTransfer(
            ChannelStructs.of(lock.core()),
            ChannelStructs.proof(ChannelSession.proof(withLock, lock.transferId())))
        .send();
    contract(session, chain.alice)
        .defundTransfer(
            ChannelStructs.of(lock.core()),
            lock.initialState().encode(),
            WithdrawResolver.signed(withdrawal.aliceSignature()).encode(),
            new byte[0])
        .send();
    defundToken(session, withLock);

    assertThat(exit(session, chain.alice)).isEqualTo(200_000);
    assertThat(exit(session, chain.bob)).isEqualTo(700_000);
    assertThat(chain.tokenBalance(LocalChain.address(chain.bob)).subtract(bobBefore))
        .isEqualTo(1_000_000);
    assertThat(chain.tokenBalance(session.address)).isZero();
    assertConserved(session);
  }
}
