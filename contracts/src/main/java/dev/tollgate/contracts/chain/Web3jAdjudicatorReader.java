package dev.tollgate.contracts.chain;

import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Objects;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Reads a channel's deposits and dispute records through the channel contract's getters. A channel
 * whose contract does not exist yet has no dispute and nothing to exit, and bob's deposit total is
 * what its counterfactual address holds (alice deposits only through the contract).
 */
public final class Web3jAdjudicatorReader implements AdjudicatorReader {
  private final Web3j web3j;

  public Web3jAdjudicatorReader(Web3j web3j) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
  }

  @Override
  public BlockRef head() {
    return blockRef(DefaultBlockParameterName.LATEST, "the latest block");
  }

  @Override
  public BlockRef block(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("block number must not be negative, got " + number);
    }
    return blockRef(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), "block " + number);
  }

  @Override
  public DepositTotals depositTotalsAt(Address channel, Address assetId, long blockNumber) {
    if (blockNumber < 0) {
      throw new IllegalArgumentException("block number must not be negative, got " + blockNumber);
    }
    DefaultBlockParameter at = DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber));
    try {
      if (!isDeployed(channel, at)) {
        return new DepositTotals(Uint256.ZERO, Uint256.of(balanceOf(channel, assetId, at)));
      }
      ChannelMastercopy contract = contract(channel, at);
      String asset = ChannelStructs.hex(assetId);
      return new DepositTotals(
          Uint256.of(contract.getTotalDepositsAlice(asset).send()),
          Uint256.of(contract.getTotalDepositsBob(asset).send()));
    } catch (Exception e) {
      throw new IllegalStateException(
          "reading deposits of asset "
              + assetId
              + " in channel "
              + channel
              + " at block "
              + blockNumber
              + " failed",
          e);
    }
  }

  @Override
  public OnChainDispute channelDispute(Address channel) {
    try {
      if (!isDeployed(channel, DefaultBlockParameterName.LATEST)) {
        return new OnChainDispute(Bytes32.ZERO, 0, Bytes32.ZERO, 0, 0);
      }
      ChannelMastercopy.ChannelDispute d =
          contract(channel, DefaultBlockParameterName.LATEST).getChannelDispute().send();
      return new OnChainDispute(
          Bytes32.of(d.channelStateHash),
          d.nonce.longValueExact(),
          Bytes32.of(d.merkleRoot),
          d.consensusExpiry.longValueExact(),
          d.defundExpiry.longValueExact());
    } catch (Exception e) {
      throw new IllegalStateException("reading the dispute of channel " + channel + " failed", e);
    }
  }

  @Override
  public OnChainTransferDispute transferDispute(Address channel, Bytes32 transferId) {
    try {
      if (!isDeployed(channel, DefaultBlockParameterName.LATEST)) {
        return new OnChainTransferDispute(Bytes32.ZERO, 0, false);
      }
      ChannelMastercopy.TransferDispute d =
          contract(channel, DefaultBlockParameterName.LATEST)
              .getTransferDispute(transferId.toArray())
              .send();
      return new OnChainTransferDispute(
          Bytes32.of(d.transferStateHash), d.transferDisputeExpiry.longValueExact(), d.isDefunded);
    } catch (Exception e) {
      throw new IllegalStateException(
          "reading the dispute of transfer " + transferId + " in channel " + channel + " failed",
          e);
    }
  }

  @Override
  public boolean isDeployed(Address channel) {
    try {
      return isDeployed(channel, DefaultBlockParameterName.LATEST);
    } catch (Exception e) {
      throw new IllegalStateException("reading the code at " + channel + " failed", e);
    }
  }

  @Override
  public Uint256 defundNonce(Address channel, Address assetId) {
    try {
      if (!isDeployed(channel, DefaultBlockParameterName.LATEST)) {
        return Uint256.ZERO;
      }
      return Uint256.of(
          contract(channel, DefaultBlockParameterName.LATEST)
              .getDefundNonce(ChannelStructs.hex(assetId))
              .send());
    } catch (Exception e) {
      throw new IllegalStateException(
          "reading the defund nonce of " + assetId + " in " + channel + " failed", e);
    }
  }

  @Override
  public Uint256 exitable(Address channel, Address assetId, Address owner) {
    try {
      if (!isDeployed(channel, DefaultBlockParameterName.LATEST)) {
        return Uint256.ZERO;
      }
      return Uint256.of(
          contract(channel, DefaultBlockParameterName.LATEST)
              .getExitableAmount(ChannelStructs.hex(assetId), ChannelStructs.hex(owner))
              .send());
    } catch (Exception e) {
      throw new IllegalStateException(
          "reading what " + owner + " can exit of " + assetId + " from " + channel + " failed", e);
    }
  }

  private BlockRef blockRef(DefaultBlockParameter at, String what) {
    EthBlock.Block block;
    try {
      block = web3j.ethGetBlockByNumber(at, false).send().getBlock();
    } catch (IOException e) {
      throw new IllegalStateException("reading " + what + " failed", e);
    }
    if (block == null) {
      throw new IllegalArgumentException(what + " does not exist yet");
    }
    return new BlockRef(block.getNumber().longValueExact(), block.getTimestamp().longValueExact());
  }

  private ChannelMastercopy contract(Address channel, DefaultBlockParameter at) {
    ChannelMastercopy contract =
        ChannelMastercopy.load(
            ChannelStructs.hex(channel), web3j, readOnly(channel), new DefaultGasProvider());
    contract.setDefaultBlockParameter(at);
    return contract;
  }

  private boolean isDeployed(Address address, DefaultBlockParameter at) throws IOException {
    String code = web3j.ethGetCode(ChannelStructs.hex(address), at).send().getCode();
    return code != null && code.length() > 2;
  }

  private BigInteger balanceOf(Address holder, Address assetId, DefaultBlockParameter at)
      throws Exception {
    if (assetId.isZero()) {
      return web3j.ethGetBalance(ChannelStructs.hex(holder), at).send().getBalance();
    }
    // Any ERC20's balanceOf; the test token's binding is as good as a generic one.
    TestToken token =
        TestToken.load(
            ChannelStructs.hex(assetId), web3j, readOnly(holder), new DefaultGasProvider());
    token.setDefaultBlockParameter(at);
    return token.balanceOf(ChannelStructs.hex(holder)).send();
  }

  private ReadonlyTransactionManager readOnly(Address from) {
    return new ReadonlyTransactionManager(web3j, ChannelStructs.hex(from));
  }
}
