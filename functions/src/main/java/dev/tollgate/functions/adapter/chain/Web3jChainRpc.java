package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.port.ChainCallRevertedException;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** {@link ChainRpc} over a web3j JSON-RPC client. */
public final class Web3jChainRpc implements ChainRpc {
  private final Web3j web3j;
  private volatile long chainId;

  public Web3jChainRpc(Web3j web3j) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
  }

  @Override
  public long chainId() {
    long id = chainId;
    if (id == 0) {
      id = ok(web3j.ethChainId(), "eth_chainId").getChainId().longValueExact();
      chainId = id;
    }
    return id;
  }

  @Override
  public void simulate(Address from, Address to, String data) {
    var response = send(web3j.ethCall(call(from, to, data), DefaultBlockParameterName.LATEST));
    throwIfReverted(response, "eth_call");
    ok(response, "eth_call");
    // Some nodes answer a revert with its data as the result rather than as an error.
    if (response.isReverted()) {
      throw new ChainCallRevertedException(
          "eth_call", RevertReason.of(response.getValue(), "execution reverted"));
    }
  }

  @Override
  public BigInteger estimateGas(Address from, Address to, String data) {
    var response = send(web3j.ethEstimateGas(call(from, to, data)));
    throwIfReverted(response, "eth_estimateGas");
    return ok(response, "eth_estimateGas").getAmountUsed();
  }

  @Override
  public BigInteger latestBaseFee() {
    EthBlock.Block block =
        ok(
                web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false),
                "eth_getBlockByNumber")
            .getBlock();
    if (block == null || block.getBaseFeePerGasRaw() == null) {
      throw new IllegalStateException(
          "the latest block has no base fee: the chain does not support EIP-1559 transactions");
    }
    return block.getBaseFeePerGas();
  }

  @Override
  public BigInteger suggestedPriorityFee() {
    return ok(web3j.ethMaxPriorityFeePerGas(), "eth_maxPriorityFeePerGas")
        .getMaxPriorityFeePerGas();
  }

  @Override
  public long transactionCount(Address account, boolean includingPending) {
    var block =
        includingPending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST;
    return ok(
            web3j.ethGetTransactionCount(account.toChecksumHex(), block), "eth_getTransactionCount")
        .getTransactionCount()
        .longValueExact();
  }

  @Override
  public void broadcast(SignedTransaction signed) {
    var response = send(web3j.ethSendRawTransaction(signed.raw()));
    if (response.hasError() && !alreadyKnown(response.getError().getMessage())) {
      throw new BroadcastRejectedException(
          signed.hash(), signed.nonce(), response.getError().getMessage());
    }
  }

  @Override
  public Optional<Receipt> receipt(Bytes32 transactionHash) {
    Optional<TransactionReceipt> receipt =
        ok(web3j.ethGetTransactionReceipt(transactionHash.toHex()), "eth_getTransactionReceipt")
            .getTransactionReceipt();
    return receipt.map(
        r ->
            new Receipt(
                transactionHash,
                r.getBlockNumber().longValueExact(),
                r.getGasUsed().longValueExact(),
                r.isStatusOK()));
  }

  private static Transaction call(Address from, Address to, String data) {
    return Transaction.createEthCallTransaction(from.toChecksumHex(), to.toChecksumHex(), data);
  }

  /** Nodes word a duplicate differently; each means the pool already holds this transaction. */
  private static boolean alreadyKnown(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return m.contains("already known")
        || m.contains("already imported")
        || m.contains("known transaction");
  }

  private static void throwIfReverted(Response<?> response, String method) {
    if (response.hasError()) {
      Response.Error error = response.getError();
      if (RevertReason.isRevert(error.getCode(), error.getMessage())) {
        throw new ChainCallRevertedException(
            method, RevertReason.of(error.getData(), error.getMessage()));
      }
    }
  }

  private static <T extends Response<?>> T ok(Request<?, T> request, String method) {
    return ok(send(request), method);
  }

  private static <T extends Response<?>> T ok(T response, String method) {
    if (response.hasError()) {
      throw new IllegalStateException(
          method
              + " failed: "
              + response.getError().getMessage()
              + " (code "
              + response.getError().getCode()
              + ")");
    }
    return response;
  }

  private static <T extends Response<?>> T send(Request<?, T> request) {
    try {
      return request.send();
    } catch (IOException e) {
      throw new UncheckedIOException("JSON-RPC " + request.getMethod() + " failed", e);
    }
  }
}
