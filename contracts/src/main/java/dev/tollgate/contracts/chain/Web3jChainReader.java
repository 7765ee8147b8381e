package dev.tollgate.contracts.chain;

import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.port.ChainReader;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthGetBalance;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Reads a channel's deposit totals from the chain. Before the channel contract exists, alice has
 * deposited nothing (her deposits go through the contract) and bob's total is simply what the
 * counterfactual address holds.
 */
public final class Web3jChainReader implements ChainReader {
  private final Web3j web3j;

  public Web3jChainReader(Web3j web3j) {
    this.web3j = web3j;
  }

  @Override
  public DepositTotals depositTotals(Address channelAddress, Address assetId) {
    try {
      if (!isDeployed(channelAddress)) {
        return new DepositTotals(Uint256.ZERO, Uint256.of(balanceOf(channelAddress, assetId)));
      }
      ChannelMastercopy channel =
          ChannelMastercopy.load(
              ChannelStructs.hex(channelAddress),
              web3j,
              readOnly(channelAddress),
              new DefaultGasProvider());
      String asset = ChannelStructs.hex(assetId);
      return new DepositTotals(
          Uint256.of(channel.getTotalDepositsAlice(asset).send()),
          Uint256.of(channel.getTotalDepositsBob(asset).send()));
    } catch (Exception e) {
      throw new IllegalStateException(
          "reading deposits of asset " + assetId + " in channel " + channelAddress + " failed", e);
    }
  }

  private boolean isDeployed(Address address) throws IOException {
    String code =
        web3j
            .ethGetCode(ChannelStructs.hex(address), DefaultBlockParameterName.LATEST)
            .send()
            .getCode();
    return code != null && code.length() > 2;
  }

  private BigInteger balanceOf(Address holder, Address assetId) throws Exception {
    if (assetId.isZero()) {
      EthGetBalance balance =
          web3j.ethGetBalance(ChannelStructs.hex(holder), DefaultBlockParameterName.LATEST).send();
      return balance.getBalance();
    }
    // Any ERC20's balanceOf; the test token's binding is as good as a generic one.
    return TestToken.load(
            ChannelStructs.hex(assetId), web3j, readOnly(holder), new DefaultGasProvider())
        .balanceOf(ChannelStructs.hex(holder))
        .send();
  }

  private ReadonlyTransactionManager readOnly(Address from) {
    return new ReadonlyTransactionManager(web3j, ChannelStructs.hex(from));
  }
}
