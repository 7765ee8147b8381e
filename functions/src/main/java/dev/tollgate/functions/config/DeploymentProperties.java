package dev.tollgate.functions.config;

import dev.tollgate.contracts.deploy.Deployment;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's chain configuration for a deployment of Tollgate's contracts: the {@code
 * tollgate.chain.*}, {@code tollgate.contracts.*} and {@code tollgate.asset} properties, with the
 * test token as the asset. Used where the contracts were just deployed (the local stack, tests).
 */
public final class DeploymentProperties {
  private DeploymentProperties() {}

  public static Map<String, Object> of(Deployment deployment, String rpcUrl) {
    Map<String, Object> p = new HashMap<>();
    p.put("tollgate.chain.id", deployment.chainId());
    p.put("tollgate.chain.rpc-url", rpcUrl);
    p.put("tollgate.contracts.channel-factory", deployment.channelFactory().toChecksumHex());
    p.put("tollgate.contracts.transfer-registry", deployment.transferRegistry().toChecksumHex());
    p.put("tollgate.contracts.mastercopy", deployment.mastercopy().toChecksumHex());
    p.put("tollgate.contracts.hashlock", deployment.hashlockTransfer().toChecksumHex());
    p.put("tollgate.contracts.withdraw", deployment.withdraw().toChecksumHex());
    p.put("tollgate.asset", deployment.testToken().toChecksumHex());
    return p;
  }
}
