package dev.tollgate.functions.snapstart;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.HashlockTransfer;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.QuoteExtra;
import dev.tollgate.x402.ResourceInfo;
import dev.tollgate.x402.X402Headers;
import java.util.List;
import java.util.Optional;

/**
 * A {@code PAYMENT-SIGNATURE} that passes every check of the quote (MAC, expiry, price, asset,
 * lock) and names a channel no one can have: the zero address, which a CREATE2 deployment could
 * only reach through a keccak preimage. The gateway reads the channel (one DynamoDB GetItem), finds
 * none and refuses with {@code channel_not_open}: the paid request's path as far as it goes without
 * storing anything. It carries no signature, as nothing signed is ever reached.
 */
final class UnopenedChannelPayment {
  static final Address CHANNEL = Address.ZERO;
  private static final long NONCE = 2;

  private UnopenedChannelPayment() {}

  /** The header paying {@code accepted} (a fresh quote for {@code path}) from channel zero. */
  static String header(String path, PaymentRequirements accepted) {
    QuoteExtra lock = accepted.extra();
    Address payer = Address.ZERO;
    Address gateway = accepted.payTo();
    Balance transfer = new Balance(accepted.amount(), Uint256.ZERO, payer, gateway);
    UpdateDetails.Create create =
        new UpdateDetails.Create(
            Bytes32.ZERO,
            transfer,
            lock.transferDefinition(),
            lock.transferTimeout(),
            new HashlockState(lock.lockHash(), lock.lockExpiry()),
            List.of(HashlockTransfer.STATE_ENCODING, HashlockTransfer.RESOLVER_ENCODING),
            Bytes32.ZERO);
    ChannelUpdate update =
        new ChannelUpdate(
            CHANNEL,
            payer,
            gateway,
            NONCE,
            new Balance(Uint256.ZERO, Uint256.ZERO, gateway, payer),
            accepted.asset(),
            create,
            Optional.empty(),
            Optional.empty());
    return X402Headers.encode(
        PaymentPayload.of(new ResourceInfo(path, "", "application/json"), accepted, update));
  }
}
