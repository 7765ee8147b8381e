package dev.tollgate.core.abi;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.List;

/**
 * {@code abi.encode} of the structures the adjudicator hashes, byte for byte as Solidity produces
 * them. Checked against ethers in the cross-implementation vectors.
 */
public final class ChannelAbi {
  private static final int CHANNEL_HEAD_WORDS = 11;
  private static final int BALANCE_WORDS = 4;
  private static final int TRANSFER_WORDS = 12;
  private static final int WITHDRAW_HEAD_WORDS = 7;

  private ChannelAbi() {}

  /**
   * {@code abi.encode(CoreChannelState)}. The struct has dynamic arrays, so the encoding opens with
   * the 0x20 offset word of a dynamic tuple.
   */
  public static byte[] encode(CoreChannelState s) {
    int n = s.assetIds().size();
    int arrayWords = (1 + n) + (1 + BALANCE_WORDS * n) + 3 * (1 + n);
    AbiWriter w = new AbiWriter(1 + CHANNEL_HEAD_WORDS + arrayWords);
    w.uint(AbiWriter.WORD);

    int offset = CHANNEL_HEAD_WORDS * AbiWriter.WORD;
    w.address(s.channelAddress()).address(s.alice()).address(s.bob());
    w.uint(offset);
    offset += (1 + n) * AbiWriter.WORD;
    w.uint(offset);
    offset += (1 + BALANCE_WORDS * n) * AbiWriter.WORD;
    w.uint(offset);
    offset += (1 + n) * AbiWriter.WORD;
    w.uint(offset);
    offset += (1 + n) * AbiWriter.WORD;
    w.uint(offset);
    w.uint(s.timeout()).uint(s.nonce()).bytes32(s.merkleRoot());

    w.uint(n);
    for (Address asset : s.assetIds()) {
      w.address(asset);
    }
    w.uint(n);
    for (Balance b : s.balances()) {
      writeBalance(w, b);
    }
    writeUintArray(w, s.processedDepositsA());
    writeUintArray(w, s.processedDepositsB());
    writeUintArray(w, s.defundNonces());
    return w.finish();
  }

  /** {@code abi.encode(CoreTransferState)}: a static tuple, so no offset word. */
  public static byte[] encode(CoreTransferState t) {
    AbiWriter w = new AbiWriter(TRANSFER_WORDS);
    w.address(t.channelAddress())
        .bytes32(t.transferId())
        .address(t.transferDefinition())
        .address(t.initiator())
        .address(t.responder())
        .address(t.assetId());
    writeBalance(w, t.balance());
    w.uint(t.transferTimeout()).bytes32(t.initialStateHash());
    return w.finish();
  }

  /** {@code abi.encode(Balance)}, what a transfer definition's create/resolve receives. */
  public static byte[] encode(Balance b) {
    AbiWriter w = new AbiWriter(BALANCE_WORDS);
    writeBalance(w, b);
    return w.finish();
  }

  /** {@code abi.encode(WithdrawData)}: dynamic because of callData. */
  public static byte[] encode(WithdrawData d) {
    byte[] callData = d.callData();
    AbiWriter w =
        new AbiWriter(1 + WITHDRAW_HEAD_WORDS + 1 + AbiWriter.paddedWords(callData.length));
    w.uint(AbiWriter.WORD);
    w.address(d.channelAddress())
        .address(d.assetId())
        .address(d.recipient())
        .uint(d.amount())
        .uint(d.nonce())
        .address(d.callTo())
        .uint(WITHDRAW_HEAD_WORDS * AbiWriter.WORD);
    w.bytesTail(callData);
    return w.finish();
  }

  /** {@code abi.encode(uint8 commitmentType, bytes32 hash)}. */
  public static byte[] encodeCommitment(int commitmentType, Bytes32 hash) {
    return new AbiWriter(2).uint(commitmentType).bytes32(hash).finish();
  }

  /** {@code abi.encode(bytes32, uint256)}: the hashlock transfer's state tuple. */
  public static byte[] encodeWordAndUint(Bytes32 word, Uint256 value) {
    return new AbiWriter(2).bytes32(word).uint(value).finish();
  }

  /** {@code abi.encode(bytes32)}. */
  public static byte[] encodeWord(Bytes32 word) {
    return new AbiWriter(1).bytes32(word).finish();
  }

  /** {@code abi.encode(bytes32, bytes32)}. */
  public static byte[] encodeWords(Bytes32 first, Bytes32 second) {
    return new AbiWriter(2).bytes32(first).bytes32(second).finish();
  }

  /**
   * {@code abi.encodePacked(address, address, uint256, uint256)}: the transfer id preimage. Packed
   * addresses are 20 bytes, uints 32.
   */
  public static byte[] packTransferIdInput(
      Address definition, Address channel, Uint256 timeout, long channelNonce) {
    byte[] out = new byte[20 + 20 + 32 + 32];
    definition.copyTo(out, 0);
    channel.copyTo(out, 20);
    timeout.writeWord(out, 40);
    Uint256.of(channelNonce).writeWord(out, 72);
    return out;
  }

  private static void writeBalance(AbiWriter w, Balance b) {
    w.uint(b.amount0()).uint(b.amount1()).address(b.to0()).address(b.to1());
  }

  private static void writeUintArray(AbiWriter w, List<Uint256> values) {
    w.uint(values.size());
    for (Uint256 v : values) {
      w.uint(v);
    }
  }
}
