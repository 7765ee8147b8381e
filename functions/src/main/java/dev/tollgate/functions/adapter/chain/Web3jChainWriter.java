package dev.tollgate.functions.adapter.chain;

import dev.tollgate.contracts.chain.ChannelStructs;
import dev.tollgate.contracts.generated.ChannelFactory;
import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.port.ChainWriter;
import dev.tollgate.core.port.SentTransaction;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The adjudicator calls, encoded by the generated channel binding from channel-core's structures
 * and sent by a {@link TransactionSender}. Errors name each call with its channel, e.g. {@code
 * disputeChannel(0x…)}.
 */
public final class Web3jChainWriter implements ChainWriter {
  private static final byte[] NO_SIGNATURE = new byte[0];

  private final Web3j web3j;
  private final TransactionSender sender;

  /** {@code web3j} only backs the binding that encodes calls; {@code sender} sends them. */
  public Web3jChainWriter(Web3j web3j, TransactionSender sender) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  @Override
  public Address sender() {
    return sender.sender();
  }

  @Override
  public SentTransaction deployChannel(Address factory, Address alice, Address bob) {
    Objects.requireNonNull(factory, "factory");
    ChannelFactory binding =
        ChannelFactory.load(
            ChannelStructs.hex(factory),
            web3j,
            new ReadonlyTransactionManager(web3j, sender.sender().toChecksumHex()),
            new DefaultGasProvider());
    return sender.send(
        "createChannel(" + alice + ", " + bob + ")",
        factory,
        Hex.decode(
            binding
                .createChannel(ChannelStructs.hex(alice), ChannelStructs.hex(bob))
                .encodeFunctionCall()));
  }

  @Override
  public SentTransaction disputeChannel(
      CoreChannelState state, Signature aliceSignature, Signature bobSignature) {
    Objects.requireNonNull(aliceSignature, "aliceSignature");
    Objects.requireNonNull(bobSignature, "bobSignature");
    Address channel = state.channelAddress();
    return send(
        "disputeChannel(" + channel + ")",
        channel,
        binding(channel)
            .disputeChannel(
                ChannelStructs.of(state), aliceSignature.toArray(), bobSignature.toArray()));
  }

  @Override
  public SentTransaction defundChannel(
      CoreChannelState state, List<Address> assetIds, List<Integer> indices) {
    if (assetIds.isEmpty() || assetIds.size() != indices.size()) {
      throw new IllegalArgumentException(
          "defundChannel needs one index per asset and at least one asset, got "
              + assetIds.size()
              + " assets and "
              + indices.size()
              + " indices");
    }
    Address channel = state.channelAddress();
    return send(
        "defundChannel(" + channel + ")",
        channel,
        binding(channel)
            .defundChannel(
                ChannelStructs.of(state),
                assetIds.stream().map(ChannelStructs::hex).toList(),
                indices.stream().map(BigInteger::valueOf).toList()));
  }

  @Override
  public SentTransaction disputeTransfer(CoreTransferState transfer, List<Bytes32> merkleProof) {
    Address channel = transfer.channelAddress();
    return send(
        "disputeTransfer(" + channel + ", " + transfer.transferId() + ")",
        channel,
        binding(channel)
            .disputeTransfer(ChannelStructs.of(transfer), ChannelStructs.proof(merkleProof)));
  }

  @Override
  public SentTransaction defundTransfer(
      CoreTransferState transfer, byte[] encodedInitialState, byte[] encodedResolver) {
    Objects.requireNonNull(encodedInitialState, "encodedInitialState");
    Objects.requireNonNull(encodedResolver, "encodedResolver");
    Address channel = transfer.channelAddress();
    // The gateway sends as the responder, which the adjudicator accepts without a signature.
    return send(
        "defundTransfer(" + channel + ", " + transfer.transferId() + ")",
        channel,
        binding(channel)
            .defundTransfer(
                ChannelStructs.of(transfer),
                encodedInitialState.clone(),
                encodedResolver.clone(),
                NO_SIGNATURE));
  }

  @Override
  public SentTransaction exit(Address channel, Address assetId, Address owner) {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(owner, "owner");
    return send(
        "exit(" + channel + ", " + assetId + ", " + owner + ")",
        channel,
        binding(channel)
            .exit(
                ChannelStructs.hex(assetId), ChannelStructs.hex(owner), ChannelStructs.hex(owner)));
  }

  private SentTransaction send(String call, Address channel, RemoteFunctionCall<?> function) {
    return sender.send(call, channel, Hex.decode(function.encodeFunctionCall()));
  }

  /** Only encodes: nothing is sent through this binding. */
  private ChannelMastercopy binding(Address channel) {
    Objects.requireNonNull(channel, "channel");
    return ChannelMastercopy.load(
        ChannelStructs.hex(channel),
        web3j,
        new ReadonlyTransactionManager(web3j, sender.sender().toChecksumHex()),
        new DefaultGasProvider());
  }
}
