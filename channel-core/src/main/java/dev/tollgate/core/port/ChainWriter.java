package dev.tollgate.core.port;

import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import java.util.List;

/**
 * The gateway's calls to a channel contract, sent as its own transactions and signed by its {@link
 * Signer}. Every call is simulated first, so one the contract would refuse throws {@link
 * ChainCallRevertedException} without spending gas; otherwise it returns once the transaction is
 * mined.
 */
public interface ChainWriter {
  /** The account that signs and pays for the transactions: the gateway's signer. */
  Address sender();

  /**
   * Deploys the channel of {@code alice} and {@code bob} through {@code factory}: a channel lives
   * at its counterfactual address until someone needs its contract, such as for a dispute.
   */
  SentTransaction deployChannel(Address factory, Address alice, Address bob);

  SentTransaction disputeChannel(
      CoreChannelState state, Signature aliceSignature, Signature bobSignature);

  SentTransaction defundChannel(
      CoreChannelState state, List<Address> assetIds, List<Integer> indices);

  SentTransaction disputeTransfer(CoreTransferState transfer, List<Bytes32> merkleProof);

  /**
   * Defunds a disputed transfer with {@code encodedResolver}; the sender must be the transfer's
   * responder, so no separate resolver signature is sent.
   */
  SentTransaction defundTransfer(
      CoreTransferState transfer, byte[] encodedInitialState, byte[] encodedResolver);

  /**
   * Pays {@code owner}'s exitable amount of {@code assetId} out of the channel to {@code owner}.
   */
  SentTransaction exit(Address channel, Address assetId, Address owner);
}
