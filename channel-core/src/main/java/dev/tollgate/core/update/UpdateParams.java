package dev.tollgate.core.update;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.transfer.TransferInitialState;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * What an initiator asks for. Everything else in an update (balances, ids, roots) follows from
 * these and the current state, which is how the receiver regenerates and checks it.
 */
public sealed interface UpdateParams
    permits UpdateParams.Setup, UpdateParams.Deposit, UpdateParams.Create, UpdateParams.Resolve {

  record Setup(Uint256 timeout, NetworkContext networkContext) implements UpdateParams {
    public Setup {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(networkContext, "networkContext");
    }
  }

  record Deposit(Address assetId) implements UpdateParams {
    public Deposit {
      Objects.requireNonNull(assetId, "assetId");
    }
  }

  record Create(
      Address assetId,
      Balance balance,
      Address transferDefinition,
      Uint256 transferTimeout,
      TransferInitialState transferInitialState,
      TransferMeta meta)
      implements UpdateParams {
    /** A create without meta. */
    public Create(
        Address assetId,
        Balance balance,
        Address transferDefinition,
        Uint256 transferTimeout,
        TransferInitialState transferInitialState) {
      this(
          assetId,
          balance,
          transferDefinition,
          transferTimeout,
          transferInitialState,
          TransferMeta.NONE);
    }

    public Create {
      Objects.requireNonNull(assetId, "assetId");
      Objects.requireNonNull(balance, "balance");
      Objects.requireNonNull(transferDefinition, "transferDefinition");
      Objects.requireNonNull(transferTimeout, "transferTimeout");
      Objects.requireNonNull(transferInitialState, "transferInitialState");
      Objects.requireNonNull(meta, "meta");
    }
  }

  record Resolve(Bytes32 transferId, TransferResolver transferResolver) implements UpdateParams {
    public Resolve {
      Objects.requireNonNull(transferId, "transferId");
      Objects.requireNonNull(transferResolver, "transferResolver");
    }
  }
}
