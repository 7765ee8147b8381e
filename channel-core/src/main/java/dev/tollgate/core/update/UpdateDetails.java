package dev.tollgate.core.update;

import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.transfer.TransferInitialState;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;
import java.util.List;
import java.util.Objects;

/** The type-specific part of an update, as vector's {@code ChannelUpdateDetailsMap}. */
public sealed interface UpdateDetails
    permits UpdateDetails.Setup,
        UpdateDetails.Deposit,
        UpdateDetails.Create,
        UpdateDetails.Resolve {

  UpdateType type();

  /** Opens the channel: its dispute timeout and the contracts it lives under. */
  record Setup(Uint256 timeout, NetworkContext networkContext) implements UpdateDetails {
    public Setup {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(networkContext, "networkContext");
    }

    @Override
    public UpdateType type() {
      return UpdateType.SETUP;
    }
  }

  /** Reconciles the channel with the on-chain deposit totals of one asset. */
  record Deposit(Uint256 totalDepositsAlice, Uint256 totalDepositsBob) implements UpdateDetails {
    public Deposit {
      Objects.requireNonNull(totalDepositsAlice, "totalDepositsAlice");
      Objects.requireNonNull(totalDepositsBob, "totalDepositsBob");
    }

    @Override
    public UpdateType type() {
      return UpdateType.DEPOSIT;
    }
  }

  /** Locks funds in a new conditional transfer and adds it to the merkle root. */
  record Create(
      Bytes32 transferId,
      Balance balance,
      Address transferDefinition,
      Uint256 transferTimeout,
      TransferInitialState transferInitialState,
      List<String> transferEncodings,
      Bytes32 merkleRoot,
      TransferMeta meta)
      implements UpdateDetails {
    /** A create without meta. */
    public Create(
        Bytes32 transferId,
        Balance balance,
        Address transferDefinition,
        Uint256 transferTimeout,
        TransferInitialState transferInitialState,
        List<String> transferEncodings,
        Bytes32 merkleRoot) {
      this(
          transferId,
          balance,
          transferDefinition,
          transferTimeout,
          transferInitialState,
          transferEncodings,
          merkleRoot,
          TransferMeta.NONE);
    }

    public Create {
      Objects.requireNonNull(transferId, "transferId");
      Objects.requireNonNull(balance, "balance");
      Objects.requireNonNull(transferDefinition, "transferDefinition");
      Objects.requireNonNull(transferTimeout, "transferTimeout");
      Objects.requireNonNull(transferInitialState, "transferInitialState");
      transferEncodings = List.copyOf(transferEncodings);
      Objects.requireNonNull(merkleRoot, "merkleRoot");
      Objects.requireNonNull(meta, "meta");
    }

    @Override
    public UpdateType type() {
      return UpdateType.CREATE;
    }
  }

  /** Settles a transfer with the responder's resolver and removes it from the merkle root. */
  record Resolve(
      Bytes32 transferId,
      Address transferDefinition,
      TransferResolver transferResolver,
      Bytes32 merkleRoot)
      implements UpdateDetails {
    public Resolve {
      Objects.requireNonNull(transferId, "transferId");
      Objects.requireNonNull(transferDefinition, "transferDefinition");
      Objects.requireNonNull(transferResolver, "transferResolver");
      Objects.requireNonNull(merkleRoot, "merkleRoot");
    }

    @Override
    public UpdateType type() {
      return UpdateType.RESOLVE;
    }
  }
}
