package dev.tollgate.contracts.chain;

import dev.tollgate.contracts.generated.ChannelMastercopy;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.List;

/**
 * channel-core's signed structures as the generated contract bindings' structs: the calls carry
 * exactly the values channel-core hashed and signed, with no second encoder in between.
 */
public final class ChannelStructs {
  private ChannelStructs() {}

  public static ChannelMastercopy.CoreChannelState of(CoreChannelState s) {
    return new ChannelMastercopy.CoreChannelState(
        hex(s.channelAddress()),
        hex(s.alice()),
        hex(s.bob()),
        s.assetIds().stream().map(ChannelStructs::hex).toList(),
        s.balances().stream().map(ChannelStructs::of).toList(),
        values(s.processedDepositsA()),
        values(s.processedDepositsB()),
        values(s.defundNonces()),
        s.timeout().value(),
        BigInteger.valueOf(s.nonce()),
        s.merkleRoot().toArray());
  }

  public static ChannelMastercopy.CoreTransferState of(CoreTransferState t) {
    return new ChannelMastercopy.CoreTransferState(
        hex(t.channelAddress()),
        t.transferId().toArray(),
        hex(t.transferDefinition()),
        hex(t.initiator()),
        hex(t.responder()),
        hex(t.assetId()),
        of(t.balance()),
        t.transferTimeout().value(),
        t.initialStateHash().toArray());
  }

  public static ChannelMastercopy.Balance of(Balance b) {
    return new ChannelMastercopy.Balance(
        List.of(b.amount0().value(), b.amount1().value()), List.of(hex(b.to0()), hex(b.to1())));
  }

  public static ChannelMastercopy.WithdrawData of(WithdrawData d) {
    return new ChannelMastercopy.WithdrawData(
        hex(d.channelAddress()),
        hex(d.assetId()),
        hex(d.recipient()),
        d.amount().value(),
        d.nonce().value(),
        hex(d.callTo()),
        d.callData());
  }

  public static List<byte[]> proof(List<Bytes32> proof) {
    return proof.stream().map(Bytes32::toArray).toList();
  }

  public static String hex(Address a) {
    return a.toChecksumHex();
  }

  private static List<BigInteger> values(List<Uint256> values) {
    return values.stream().map(Uint256::value).toList();
  }
}
