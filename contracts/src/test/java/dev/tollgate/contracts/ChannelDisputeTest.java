package dev.tollgate.contracts;

import static dev.tollgate.contracts.ChannelSession.CHANNEL_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

class ChannelDisputeTest extends OnChainTest {

  @Test
  void latestStateDisputedThenDefundedPaysEachSideExactlyItsBalance() throws Exception {
    ChannelSession session = fundedChannel(1_000_000, 4_000_000);
    for (int i = 0; i < 5; i++) {
      session.pay(100_000, ChannelSession.preImage(i));
    }
    Channel latest = session.latest();

    TransactionReceipt disputed = dispute(session, latest, chain.alice);
    long disputedAt = blockTime(disputed);
    ChannelMastercopy.ChannelDispute onChain =
        contract(session, chain.carol).getChannelDispute().send();
    assertThat(onChain.channelStateHash)
        .isEqualTo(ChannelHashes.stateHash(latest.state()).toArray());
    assertThat(onChain.nonce).isEqualTo(latest.nonce());
    assertThat(onChain.consensusExpiry).isEqualTo(disputedAt + CHANNEL_TIMEOUT);
    assertThat(onChain.defundExpiry).isEqualTo(disputedAt + 2 * CHANNEL_TIMEOUT);
    assertEmitted(disputed, "ChannelMastercopy", "ChannelDisputed", session.address);

    chain.anvil.advance(CHANNEL_TIMEOUT);
    defundToken(session, latest);
    assertThat(contract(session, chain.carol).getDefundNonce(tokenHex()).send()).isEqualTo(1);

    assertThat(exit(session, chain.alice)).isEqualTo(1_500_000);
    assertThat(exit(session, chain.bob)).isEqualTo(3_500_000);
    assertThat(chain.tokenBalance(session.address)).isZero();
    assertConserved(session);
  }

  @Test
  void aStaleDisputeIsReplacedByTheNewerStateWithinTheConsensusWindow() throws Exception {
    ChannelSession session = fundedChannel(0, 2_000_000);
    session.pay(250_000, ChannelSession.preImage(1));
    Channel stale = session.latest();
    session.pay(250_000, ChannelSession.preImage(2));
    session.pay(250_000, ChannelSession.preImage(3));
    Channel latest = session.latest();

    // Bob tries to close on the state where he had paid only once.
    long staleAt = blockTime(dispute(session, stale, chain.bob));
    chain.anvil.advance(CHANNEL_TIMEOUT / 2);
    dispute(session, latest, chain.alice);

    ChannelMastercopy.ChannelDispute onChain =
        contract(session, chain.carol).getChannelDispute().send();
    assertThat(onChain.nonce).isEqualTo(latest.nonce());
    assertThat(onChain.channelStateHash)
        .isEqualTo(ChannelHashes.stateHash(latest.state()).toArray());
    assertThat(onChain.consensusExpiry)
        .as("the newer state keeps the dispute's clock")
        .isEqualTo(staleAt + CHANNEL_TIMEOUT);

    chain.anvil.advance(CHANNEL_TIMEOUT / 2);
    assertReverts(
        "ChannelAdjudicator: INVALID_CHANNEL_HASH",
        contract(session, chain.bob)
            .defundChannel(
                ChannelStructs.of(stale.state()), List.of(tokenHex()), List.of(BigInteger.ZERO)));
    defundToken(session, latest);
    assertThat(exit(session, chain.alice)).isEqualTo(750_000);
    assertThat(exit(session, chain.bob)).isEqualTo(1_250_000);
    assertConserved(session);
  }

  @Test
  void depositsTheDisputedStateHadNotReconciledGoBackToTheirDepositors() throws Exception {
    ChannelSession session = fundedChannel(300_000, 1_000_000);
    session.pay(100_000, ChannelSession.preImage(7));
    Channel latest = session.latest();
    // Bob tops up in the token the state knows, and in Ether, which the state never saw.
    chain.mint(chain.bob, 400_000);
    chain
        .token(chain.bob)
        .transfer(ChannelStructs.hex(session.address), BigInteger.valueOf(400_000))
        .send();
    BigInteger etherTopUp = BigInteger.valueOf(3_000_000_000_000L);
    chain.sendEther(chain.bob, session.address, etherTopUp);

    dispute(session, latest, chain.alice);
    chain.anvil.advance(CHANNEL_TIMEOUT);
    String ether = ChannelStructs.hex(Address.ZERO);
    contract(session, chain.carol)
        .defundChannel(
            ChannelStructs.of(latest.state()),
            List.of(tokenHex(), ether),
            // Ether is not in the state: any index past its assets says so.
            List.of(BigInteger.ZERO, BigInteger.valueOf(latest.state().assetIds().size())))
        .send();

    assertThat(exit(session, chain.alice)).isEqualTo(400_000);
    assertThat(exit(session, chain.bob)).isEqualTo(900_000 + 400_000);
    assertThat(
            contract(session, chain.carol).getExitableAmount(ether, chain.bob.getAddress()).send())
        .isEqualTo(etherTopUp);
    assertThat(
            contract(session, chain.carol)
                .getExitableAmount(ether, chain.alice.getAddress())
                .send())
        .isZero();
    assertConserved(session);
  }

  long blockTime(TransactionReceipt receipt) throws Exception {
    return chain
        .web3j
        .ethGetBlockByHash(receipt.getBlockHash(), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }
}
