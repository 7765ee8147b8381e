package dev.tollgate.contracts.deploy;

import dev.tollgate.contracts.generated.ChannelFactory;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.contracts.generated.HashlockTransfer;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.contracts.generated.TransferRegistry;
import dev.tollgate.contracts.generated.Withdraw;
import dev.tollgate.core.value.Address;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Deploys a complete Tollgate network: mastercopy, factory, both transfer definitions registered in
 * a registry owned by the deployer, and the test token.
 */
public final class Deployer {
  private Deployer() {}

  public static Deployment deployAll(
      Web3j web3j, TransactionManager deployer, ContractGasProvider gas, long chainId)
      throws Exception {
    ChannelMastercopy mastercopy = ChannelMastercopy.deploy(web3j, deployer, gas).send();
    ChannelFactory factory =
        ChannelFactory.deploy(
                web3j, deployer, gas, mastercopy.getContractAddress(), BigInteger.valueOf(chainId))
            .send();
    TransferRegistry registry =
        TransferRegistry.deploy(web3j, deployer, gas, deployer.getFromAddress()).send();
    HashlockTransfer hashlock = HashlockTransfer.deploy(web3j, deployer, gas).send();
    Withdraw withdraw = Withdraw.deploy(web3j, deployer, gas).send();
    registry.addTransferDefinition(registered(hashlock.getRegistryInformation().send())).send();
    registry.addTransferDefinition(registered(withdraw.getRegistryInformation().send())).send();
    TestToken token = TestToken.deploy(web3j, deployer, gas).send();
    return new Deployment(
        chainId,
        address(mastercopy.getContractAddress()),
        address(factory.getContractAddress()),
        address(registry.getContractAddress()),
        address(hashlock.getContractAddress()),
        address(withdraw.getContractAddress()),
        address(token.getContractAddress()));
  }

  private static TransferRegistry.RegisteredTransfer registered(
      HashlockTransfer.RegisteredTransfer info) {
    return new TransferRegistry.RegisteredTransfer(
        info.name, info.definition, info.stateEncoding, info.resolverEncoding, info.encodedCancel);
  }

  private static TransferRegistry.RegisteredTransfer registered(Withdraw.RegisteredTransfer info) {
    return new TransferRegistry.RegisteredTransfer(
        info.name, info.definition, info.stateEncoding, info.resolverEncoding, info.encodedCancel);
  }

  private static Address address(String hex) {
    return Address.fromHex(hex.toLowerCase(java.util.Locale.ROOT));
  }
}
