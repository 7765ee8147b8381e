package dev.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.chain.Web3jChainReader;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.core.channel.ChannelAddresses;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

class DepositTest extends OnChainTest {
  @Test
  void channelCoreDerivesTheFactorysChannelAddressAndProxyCode() throws Exception {
    var factory = chain.factory(chain.deployer);
    assertThat(factory.getProxyCreationCode().send())
        .isEqualTo(ChannelAddresses.proxyCreationCode(chain.deployment.mastercopy()));
    for (var pair :
        new org.web3j.crypto.Credentials[][] {
          {chain.alice, chain.bob}, {chain.bob, chain.alice}, {chain.alice, chain.carol}
        }) {
      String onChain = factory.getChannelAddress(pair[0].getAddress(), pair[1].getAddress()).send();
      assertThat(
              chain.deployment.channelAddress(
                  LocalChain.address(pair[0]), LocalChain.address(pair[1])))
          .isEqualTo(Address.fromHex(onChain.toLowerCase()));
    }
  }

  @Test
  void bobsPlainTransferBeforeDeploymentAndAlicesDepositAreReconciledByADepositUpdate()
      throws Exception {
    ChannelSession session = new ChannelSession(chain);
    session.setup();
    chain.mint(chain.bob, 5_000_000);
    chain.mint(chain.alice, 2_000_000);

    // Bob pays the counterfactual address: no contract exists there yet.
    assertThat(
            chain
                .web3j
                .ethGetCode(ChannelStructs.hex(session.address), DefaultBlockParameterName.LATEST)
                .send()
                .getCode())
        .isEqualTo("0x");
    chain
        .token(chain.bob)
        .transfer(ChannelStructs.hex(session.address), BigInteger.valueOf(3_000_000))
        .send();
    assertThat(new Web3jChainReader(chain.web3j).depositTotals(session.address, token()))
        .isEqualTo(new DepositTotals(Uint256.ZERO, Uint256.of(3_000_000)));

    // Alice deploys the channel and deposits in one transaction.
    chain
        .token(chain.alice)
        .approve(
            ChannelStructs.hex(chain.deployment.channelFactory()), BigInteger.valueOf(1_250_000))
        .send();
    var created =
        chain
            .factory(chain.alice)
            .createChannelAndDepositAlice(
                chain.alice.getAddress(),
                chain.bob.getAddress(),
                ChannelStructs.hex(token()),
                BigInteger.valueOf(1_250_000),
                BigInteger.ZERO)
            .send();
    assertEmitted(created, "ChannelFactory", "ChannelCreation", chain.deployment.channelFactory());
    assertEmitted(created, "ChannelMastercopy", "AliceDeposited", session.address);
    assertThat(chain.token(chain.carol).decimals().send()).isEqualTo(6);

    ChannelMastercopy contract = chain.channel(session.address, chain.carol);
    assertThat(contract.getAlice().send()).isEqualToIgnoringCase(chain.alice.getAddress());
    assertThat(contract.getBob().send()).isEqualToIgnoringCase(chain.bob.getAddress());
    assertThat(contract.getTotalDepositsAlice(ChannelStructs.hex(token())).send())
        .isEqualTo(1_250_000);
    assertThat(contract.getTotalDepositsBob(ChannelStructs.hex(token())).send())
        .isEqualTo(3_000_000);

    CoreChannelState state = session.deposit(token()).state();
    assertThat(state.assetIds()).containsExactly(token());
    assertThat(state.balances().get(0).amount0()).isEqualTo(Uint256.of(1_250_000));
    assertThat(state.balances().get(0).amount1()).isEqualTo(Uint256.of(3_000_000));
    assertThat(state.processedDepositsA()).containsExactly(Uint256.of(1_250_000));
    assertThat(state.processedDepositsB()).containsExactly(Uint256.of(3_000_000));

    // A later top-up by bob after deployment is counted the same way.
    chain
        .token(chain.bob)
        .transfer(ChannelStructs.hex(session.address), BigInteger.valueOf(500_000))
        .send();
    state = session.deposit(token()).state();
    assertThat(state.balances().get(0).amount1()).isEqualTo(Uint256.of(3_500_000));
    assertThat(state.processedDepositsB()).containsExactly(Uint256.of(3_500_000));

    assertConserved(session);
    assertThat(chain.tokenBalance(session.address)).isEqualTo(4_750_000);
  }

  @Test
  void etherDepositsFromBothSidesAreReconciled() throws Exception {
    ChannelSession session = new ChannelSession(chain);
    session.setup();
    BigInteger bobWei = Convert.toWei("1.5", Convert.Unit.ETHER).toBigIntegerExact();
    BigInteger aliceWei = Convert.toWei("0.25", Convert.Unit.ETHER).toBigIntegerExact();
    Transfer.sendFunds(
            chain.web3j,
            chain.bob,
            ChannelStructs.hex(session.address),
            new java.math.BigDecimal(bobWei),
            Convert.Unit.WEI)
        .send();
    chain
        .factory(chain.alice)
        .createChannelAndDepositAlice(
            chain.alice.getAddress(),
            chain.bob.getAddress(),
            ChannelStructs.hex(Address.ZERO),
            aliceWei,
            aliceWei)
        .send();

    CoreChannelState state = session.deposit(Address.ZERO).state();
    assertThat(state.assetIds()).containsExactly(Address.ZERO);
    assertThat(state.balances().get(0).amount0()).isEqualTo(Uint256.of(aliceWei));
    assertThat(state.balances().get(0).amount1()).isEqualTo(Uint256.of(bobWei));
    assertThat(
            chain
                .web3j
                .ethGetBalance(
                    ChannelStructs.hex(session.address), DefaultBlockParameterName.LATEST)
                .send()
                .getBalance())
        .isEqualTo(aliceWei.add(bobWei));
  }
}
