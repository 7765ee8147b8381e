package dev.tollgate.sample.dev;

import dev.tollgate.contracts.chain.Transactions;
import dev.tollgate.contracts.generated.TestToken;
import dev.tollgate.sample.site.Faucet;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/** The local stack's faucet: mints the test token (anyone may mint it) from a dev account. */
final class TokenFaucet implements Faucet {
  private final TestToken token;
  private final String asset;
  private final BigInteger amount;

  TokenFaucet(Web3j web3j, Credentials minter, long chainId, String asset, BigInteger amount) {
    this.token =
        TestToken.load(
            asset, web3j, Transactions.manager(web3j, minter, chainId), Transactions.LOCAL_GAS);
    this.asset = asset;
    this.amount = amount;
  }

  /** One minter account, one nonce at a time. */
  @Override
  public synchronized Drop drip(String address) {
    try {
      String txHash = token.mint(address, amount).send().getTransactionHash();
      return new Drop(txHash, amount, asset);
    } catch (Exception e) {
      throw new IllegalStateException("the faucet's mint to " + address + " failed: " + e, e);
    }
  }
}
