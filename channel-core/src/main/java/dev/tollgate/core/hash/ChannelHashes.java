package dev.tollgate.core.hash;

import dev.tollgate.core.abi.ChannelAbi;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.nio.charset.StandardCharsets;

/** The hashes the adjudicator recomputes; any difference here makes a signature unenforceable. */
public final class ChannelHashes {
  /** The adjudicator's {@code CommitmentType} enum. */
  public static final int COMMITMENT_CHANNEL_STATE = 0;

  public static final int COMMITMENT_WITHDRAW_DATA = 1;

  private static final byte[] SIGNED_MESSAGE_PREFIX =
      "\u0016Vector Signed Message:\n32".getBytes(StandardCharsets.US_ASCII);

  /**
   * The resend proof's own domain: {@code \x19} (as EIP-191 personal messages start) followed by a
   * name no Vector commitment or Ethereum message uses, so a resend signature can never be replayed
   * as a channel-state or withdrawal signature, nor one of those as a resend proof.
   */
  private static final byte[] RESEND_PREFIX =
      "\u0019Tollgate resend:\n".getBytes(StandardCharsets.US_ASCII);

  private ChannelHashes() {}

  public static Bytes32 stateHash(CoreChannelState state) {
    return Keccak.hash(ChannelAbi.encode(state));
  }

  public static Bytes32 channelCommitment(CoreChannelState state) {
    return Keccak.hash(ChannelAbi.encodeCommitment(COMMITMENT_CHANNEL_STATE, stateHash(state)));
  }

  public static Bytes32 withdrawDataHash(WithdrawData data) {
    return Keccak.hash(ChannelAbi.encode(data));
  }

  public static Bytes32 withdrawCommitment(WithdrawData data) {
    return Keccak.hash(
        ChannelAbi.encodeCommitment(COMMITMENT_WITHDRAW_DATA, withdrawDataHash(data)));
  }

  /** What is actually signed: {@code keccak256("\x16Vector Signed Message:\n32" ‖ commitment)}. */
  public static Bytes32 signedDigest(Bytes32 commitment) {
    byte[] input = new byte[SIGNED_MESSAGE_PREFIX.length + 32];
    System.arraycopy(SIGNED_MESSAGE_PREFIX, 0, input, 0, SIGNED_MESSAGE_PREFIX.length);
    commitment.copyTo(input, SIGNED_MESSAGE_PREFIX.length);
    return Keccak.hash(input);
  }

  public static Bytes32 channelDigest(CoreChannelState state) {
    return signedDigest(channelCommitment(state));
  }

  /**
   * What a transfer's responder signs to let someone else defund the transfer on chain with this
   * resolver: {@code keccak256(abi.encode(transferId, keccak256(encodedResolver)))}.
   */
  public static Bytes32 resolverCommitment(Bytes32 transferId, byte[] encodedResolver) {
    return Keccak.hash(ChannelAbi.encodeWords(transferId, Keccak.hash(encodedResolver)));
  }

  public static Bytes32 transferStateHash(CoreTransferState transfer) {
    return Keccak.hash(ChannelAbi.encode(transfer));
  }

  /**
   * {@code keccak256(abi.encodePacked(definition, channel, timeout, nonceBeforeCreate))}: unique
   * per channel because the nonce only ever grows.
   */
  public static Bytes32 transferId(
      Address transferDefinition,
      Address channelAddress,
      Uint256 transferTimeout,
      long channelNonceBeforeCreate) {
    return Keccak.hash(
        ChannelAbi.packTransferIdInput(
            transferDefinition, channelAddress, transferTimeout, channelNonceBeforeCreate));
  }

  /**
   * What a channel's payer signs to have the resource of a payment it already made served again:
   * {@code keccak256("\x19Tollgate resend:\n" ‖ channelAddress ‖ transferId ‖ uint256 n)}, {@code
   * n} the resend's number (1, 2, ...), each usable once.
   */
  public static Bytes32 resendDigest(Address channelAddress, Bytes32 transferId, Uint256 n) {
    byte[] input = new byte[RESEND_PREFIX.length + 20 + 32 + 32];
    System.arraycopy(RESEND_PREFIX, 0, input, 0, RESEND_PREFIX.length);
    channelAddress.copyTo(input, RESEND_PREFIX.length);
    transferId.copyTo(input, RESEND_PREFIX.length + 20);
    n.writeWord(input, RESEND_PREFIX.length + 52);
    return Keccak.hash(input);
  }
}
