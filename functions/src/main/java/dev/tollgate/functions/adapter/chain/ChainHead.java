package dev.tollgate.functions.adapter.chain;

import java.io.IOException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthBlockNumber;

/** The node's newest block number, for every reader that counts confirmations from it. */
final class ChainHead {
  private ChainHead() {}

  static long of(Web3j web3j) {
    try {
      EthBlockNumber response = web3j.ethBlockNumber().send();
      if (response.hasError()) {
        throw new IllegalStateException(
            "eth_blockNumber failed: " + response.getError().getMessage());
      }
      return response.getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new IllegalStateException("eth_blockNumber could not reach the node", e);
    }
  }
}
