package dev.tollgate.core.port;

import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;

/**
 * What the gateway reads from the chain to credit confirmed deposits and to follow a dispute. Reads
 * name the block they are taken at, so a caller can stay {@code confirmations} behind the head.
 */
public interface AdjudicatorReader {
  /** The newest block: its number and timestamp. */
  BlockRef head();

  /** The block {@code number}: its number and timestamp. */
  BlockRef block(long number);

  /** Deposit totals of {@code assetId} in {@code channel} as of block {@code blockNumber}. */
  DepositTotals depositTotalsAt(Address channel, Address assetId, long blockNumber);

  /** Whether the channel's contract exists at the head (before, it is only an address). */
  boolean isDeployed(Address channel);

  /** The channel's dispute record at the head; all zero when it was never disputed. */
  OnChainDispute channelDispute(Address channel);

  /** A transfer's dispute record at the head; expiry zero when it was never disputed. */
  OnChainTransferDispute transferDispute(Address channel, Bytes32 transferId);

  /** The adjudicator's defund nonce of {@code assetId}: the state nonce it last defunded. */
  Uint256 defundNonce(Address channel, Address assetId);

  /** What {@code owner} can exit of {@code assetId} from {@code channel} now. */
  Uint256 exitable(Address channel, Address assetId, Address owner);

  record BlockRef(long number, long timestamp) {}

  /** The adjudicator's {@code ChannelDispute}. */
  record OnChainDispute(
      Bytes32 channelStateHash,
      long nonce,
      Bytes32 merkleRoot,
      long consensusExpiry,
      long defundExpiry) {
    public boolean exists() {
      return consensusExpiry != 0;
    }
  }

  /** The adjudicator's {@code TransferDispute}. */
  record OnChainTransferDispute(
      Bytes32 transferStateHash, long transferDisputeExpiry, boolean defunded) {
    public boolean exists() {
      return transferDisputeExpiry != 0;
    }
  }
}
