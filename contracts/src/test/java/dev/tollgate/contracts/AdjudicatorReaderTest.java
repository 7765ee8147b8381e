package dev.tollgate.contracts;

import static dev.tollgate.contracts.ChannelSession.CHANNEL_TIMEOUT;
import static dev.tollgate.contracts.ChannelSession.TRANSFER_TIMEOUT;
import static dev.tollgate.contracts.ChannelSession.preImage;
import static dev.tollgate.contracts.ChannelSession.proof;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Web3jAdjudicatorReader;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.port.AdjudicatorReader.BlockRef;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.port.AdjudicatorReader.OnChainTransferDispute;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The adjudicator reader against a real channel contract, before and after it exists. */
class AdjudicatorReaderTest extends OnChainTest {
  private Web3jAdjudicatorReader reader;

  @BeforeEach
  void reader() {
    reader = new Web3jAdjudicatorReader(chain.web3j);
  }

  @Test
  void headAndBlocksCarryTheChainsNumbersAndTimes() throws Exception {
    chain.anvil.advance(1_000);
    BlockRef head = reader.head();
    var latest = chain.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    assertThat(head.number()).isEqualTo(latest);
    assertThat(head.timestamp()).isEqualTo(chain.anvil.latestTimestamp());
    BlockRef earlier = reader.block(head.number() - 1);
    assertThat(earlier.number()).isEqualTo(head.number() - 1);
    assertThat(earlier.timestamp()).isLessThanOrEqualTo(head.timestamp() - 1_000);
    assertThatThrownBy(() -> reader.block(head.number() + 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block " + (head.number() + 5));
  }

  @Test
  void depositTotalsAreReadAsOfTheBlockAskedFor() throws Exception {
    ChannelSession session = new ChannelSession(chain);
    session.setup();
    OpeningReceipts opening = depositOnChain(session, 400_000, 1_500_000);
    long bobPaid = block(opening.bobsTransfer());
    long created = block(opening.createAndDeposit());

    assertThat(reader.depositTotalsAt(session.address, token(), bobPaid - 1))
        .as("before bob's transfer")
        .isEqualTo(totals(0, 0));
    assertThat(reader.depositTotalsAt(session.address, token(), bobPaid))
        .as("bob paid the address, no contract there yet")
        .isEqualTo(totals(0, 1_500_000));
    assertThat(reader.depositTotalsAt(session.address, token(), created - 1))
        .as("the block before the contract existed")
        .isEqualTo(totals(0, 1_500_000));
    assertThat(reader.depositTotalsAt(session.address, token(), created))
        .isEqualTo(totals(400_000, 1_500_000));

    chain.mint(chain.bob, 250_000);
    TransactionReceipt topUp =
        chain
            .token(chain.bob)
            .transfer(ChannelStructs.hex(session.address), BigInteger.valueOf(250_000))
            .send();
    assertThat(reader.depositTotalsAt(session.address, token(), block(topUp) - 1))
        .isEqualTo(totals(400_000, 1_500_000));
    assertThat(reader.depositTotalsAt(session.address, token(), block(topUp)))
        .isEqualTo(totals(400_000, 1_750_000));
  }

  @Test
  void aChannelWithoutAContractHasNoDisputeAndNothingToExit() {
    ChannelSession session = new ChannelSession(chain);
    OnChainDispute dispute = reader.channelDispute(session.address);
    assertThat(dispute.exists()).isFalse();
    assertThat(dispute).isEqualTo(new OnChainDispute(Bytes32.ZERO, 0, Bytes32.ZERO, 0, 0));
    assertThat(reader.transferDispute(session.address, preImage(1)).exists()).isFalse();
    assertThat(reader.exitable(session.address, token(), LocalChain.address(chain.bob)))
        .isEqualTo(Uint256.ZERO);
  }

  @Test
  void disputesAndExitableAmountsAreReadAsTheContractStoresThem() throws Exception {
    ChannelSession session = fundedChannel(0, 800_000);
    session.pay(100_000, preImage(1));
    Bytes32 locked = session.lockPayment(30_000, preImage(2));
    Channel latest = session.latest();
    assertThat(reader.channelDispute(session.address).exists()).isFalse();
    assertThat(reader.transferDispute(session.address, locked).exists()).isFalse();

    TransactionReceipt disputed = dispute(session, latest, chain.alice);
    long disputedAt = reader.block(block(disputed)).timestamp();
    assertThat(reader.channelDispute(session.address))
        .isEqualTo(
            new OnChainDispute(
                ChannelHashes.stateHash(latest.state()),
                latest.nonce(),
                latest.state().merkleRoot(),
                disputedAt + CHANNEL_TIMEOUT,
                disputedAt + 2 * CHANNEL_TIMEOUT));

    chain.anvil.advance(CHANNEL_TIMEOUT);
    ActiveTransfer transfer = latest.activeTransfers().get(locked);
    TransactionReceipt transferDisputed =
        contract(session, chain.alice)
            .disputeTransfer(
                ChannelStructs.of(transfer.core()), ChannelStructs.proof(proof(latest, locked)))
            .send();
    long transferDisputedAt = reader.block(block(transferDisputed)).timestamp();
    assertThat(reader.transferDispute(session.address, locked))
        .isEqualTo(
            new OnChainTransferDispute(
                transfer.leaf(), transferDisputedAt + TRANSFER_TIMEOUT, false));

    contract(session, chain.alice)
        .defundTransfer(
            ChannelStructs.of(transfer.core()),
            transfer.initialState().encode(),
            new HashlockResolver(preImage(2)).encode(),
            new byte[0])
        .send();
    assertThat(reader.transferDispute(session.address, locked).defunded()).isTrue();
    contract(session, chain.carol)
        .defundChannel(
            ChannelStructs.of(latest.state()), List.of(tokenHex()), List.of(BigInteger.ZERO))
        .send();
    assertThat(reader.exitable(session.address, token(), LocalChain.address(chain.alice)))
        .isEqualTo(Uint256.of(130_000));
    assertThat(reader.exitable(session.address, token(), LocalChain.address(chain.bob)))
        .isEqualTo(Uint256.of(670_000));
  }

  private static DepositTotals totals(long alice, long bob) {
    return new DepositTotals(Uint256.of(alice), Uint256.of(bob));
  }

  private static long block(TransactionReceipt receipt) {
    return receipt.getBlockNumber().longValueExact();
  }
}
