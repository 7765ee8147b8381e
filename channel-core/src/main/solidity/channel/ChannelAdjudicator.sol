// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IChannelAdjudicator} from "../interfaces/IChannelAdjudicator.sol";
import {ITransferDefinition} from "../interfaces/ITransferDefinition.sol";
import {Balance, CommitmentType} from "../interfaces/Types.sol";
import {LibChannelCrypto} from "../lib/LibChannelCrypto.sol";
import {ChannelAssets} from "./ChannelAssets.sol";
import {ChannelDeposits} from "./ChannelDeposits.sol";

/// Settles a channel from its newest double-signed state when the parties stop cooperating.
///
/// A dispute opens a consensus window of `timeout` seconds in which any strictly newer
/// double-signed state replaces the disputed one, then a defund window of the same length in
/// which balances and the transfers under the final merkle root are paid out. After the defund
/// window the channel can be disputed again, always with a higher nonce.
abstract contract ChannelAdjudicator is ChannelDeposits, IChannelAdjudicator {
    ChannelDispute private channelDispute;
    mapping(address => uint256) private defundNonces;
    mapping(bytes32 => TransferDispute) private transferDisputes;

    function getChannelDispute() external view override onlyViaProxy returns (ChannelDispute memory) {
        return channelDispute;
    }

    function getDefundNonce(address assetId) external view override onlyViaProxy returns (uint256) {
        return defundNonces[assetId];
    }

    function getTransferDispute(bytes32 transferId)
        external
        view
        override
        onlyViaProxy
        returns (TransferDispute memory)
    {
        return transferDisputes[transferId];
    }

    function disputeChannel(CoreChannelState calldata ccs, bytes calldata aliceSignature, bytes calldata bobSignature)
        external
        override
        onlyViaProxy
        nonReentrant
    {
        verifyChannelProperties(ccs);
        bytes32 ccsHash = hashChannelState(ccs);
        bytes32 commitment = keccak256(abi.encode(CommitmentType.ChannelState, ccsHash));
        LibChannelCrypto.requireSignedBy(commitment, aliceSignature, ccs.alice, "ChannelAdjudicator: INVALID_ALICE_SIG");
        LibChannelCrypto.requireSignedBy(commitment, bobSignature, ccs.bob, "ChannelAdjudicator: INVALID_BOB_SIG");
        require(!inDefundPhase(), "ChannelAdjudicator: INVALID_PHASE");
        require(channelDispute.nonce < ccs.nonce, "ChannelAdjudicator: INVALID_NONCE");

        // A newer state during the consensus window replaces the old one but keeps the clock;
        // otherwise this starts a new dispute round.
        if (!inConsensusPhase()) {
            channelDispute.consensusExpiry = block.timestamp + ccs.timeout;
            channelDispute.defundExpiry = block.timestamp + 2 * ccs.timeout;
        }
        channelDispute.channelStateHash = ccsHash;
        channelDispute.nonce = ccs.nonce;
        channelDispute.merkleRoot = ccs.merkleRoot;
        emit ChannelDisputed(msg.sender, ccs, channelDispute);
    }

    function defundChannel(CoreChannelState calldata ccs, address[] calldata assetIds, uint256[] calldata indices)
        external
        override
        onlyViaProxy
        nonReentrant
    {
        require(assetIds.length == indices.length, "ChannelAdjudicator: INDICES_LENGTH_MISMATCH");
        require(assetIds.length > 0, "ChannelAdjudicator: NO_ASSETS_GIVEN");
        require(hashChannelState(ccs) == channelDispute.channelStateHash, "ChannelAdjudicator: INVALID_CHANNEL_HASH");
        require(inDefundPhase(), "ChannelAdjudicator: INVALID_PHASE");

        for (uint256 i = 0; i < assetIds.length; i++) {
            defundAsset(ccs, assetIds[i], indices[i]);
        }
        emit ChannelDefunded(msg.sender, ccs, channelDispute, assetIds);
    }

    function disputeTransfer(CoreTransferState calldata cts, bytes32[] calldata merkleProofData)
        external
        override
        onlyViaProxy
        nonReentrant
    {
        require(cts.channelAddress == address(this), "ChannelAdjudicator: INVALID_TRANSFER");
        // Only once the consensus window closed is the merkle root final.
        require(inDefundPhase(), "ChannelAdjudicator: INVALID_PHASE");
        bytes32 transferStateHash = hashTransferState(cts);
        require(
            MerkleProof.verifyCalldata(merkleProofData, channelDispute.merkleRoot, transferStateHash),
            "ChannelAdjudicator: INVALID_MERKLE_PROOF"
        );
        TransferDispute storage dispute = transferDisputes[cts.transferId];
        require(dispute.transferDisputeExpiry == 0, "ChannelAdjudicator: TRANSFER_ALREADY_DISPUTED");
        dispute.transferStateHash = transferStateHash;
        dispute.transferDisputeExpiry = block.timestamp + cts.transferTimeout;
        emit TransferDisputed(msg.sender, cts, dispute);
    }

    function defundTransfer(
        CoreTransferState calldata cts,
        bytes calldata encodedInitialTransferState,
        bytes calldata encodedTransferResolver,
        bytes calldata responderSignature
    ) external override onlyViaProxy nonReentrant {
        TransferDispute storage dispute = transferDisputes[cts.transferId];
        require(dispute.transferDisputeExpiry != 0, "ChannelAdjudicator: TRANSFER_NOT_DISPUTED");
        require(hashTransferState(cts) == dispute.transferStateHash, "ChannelAdjudicator: INVALID_TRANSFER_HASH");
        require(!dispute.isDefunded, "ChannelAdjudicator: TRANSFER_ALREADY_DEFUNDED");
        dispute.isDefunded = true;

        Balance memory balance;
        if (block.timestamp < dispute.transferDisputeExpiry) {
            // Before expiry only the responder decides how the transfer resolves: by sending
            // the resolver itself, or by signing it for someone else to send.
            if (msg.sender != cts.responder) {
                bytes32 resolverCommitment = keccak256(abi.encode(cts.transferId, keccak256(encodedTransferResolver)));
                LibChannelCrypto.requireSignedBy(
                    resolverCommitment, responderSignature, cts.responder, "ChannelAdjudicator: INVALID_RESOLVER_SIG"
                );
            }
            require(
                keccak256(encodedInitialTransferState) == cts.initialStateHash,
                "ChannelAdjudicator: INVALID_TRANSFER_STATE"
            );
            balance = ITransferDefinition(cts.transferDefinition).resolve(
                abi.encode(cts.balance), encodedInitialTransferState, encodedTransferResolver
            );
            // A definition may pay out no more than the transfer locked, and only to the
            // transfer's own recipients. It may pay out less: a Withdraw resolves to the fee
            // alone, the amount having left the channel by `withdraw` on the same commitment.
            require(
                balance.amount[0] + balance.amount[1] <= cts.balance.amount[0] + cts.balance.amount[1],
                "ChannelAdjudicator: TRANSFER_OVERPAID"
            );
            balance.to = cts.balance.to;
        } else {
            // Unresolved past its window: the transfer reverts to its initial split.
            balance = cts.balance;
        }
        makeBalanceExitable(cts.assetId, balance);
        emit TransferDefunded(
            msg.sender, cts, dispute, encodedInitialTransferState, encodedTransferResolver, balance
        );
    }

    function defundAsset(CoreChannelState calldata ccs, address assetId, uint256 index) private {
        uint256 unprocessedAlice;
        uint256 unprocessedBob;
        Balance memory balance;
        if (index < ccs.assetIds.length) {
            require(ccs.assetIds[index] == assetId, "ChannelAdjudicator: INDEX_MISMATCH");
            require(defundNonces[assetId] < ccs.defundNonces[index], "ChannelAdjudicator: CHANNEL_ALREADY_DEFUNDED");
            defundNonces[assetId] = ccs.defundNonces[index];
            balance = ccs.balances[index];
            unprocessedAlice = depositsAlice(assetId) - ccs.processedDepositsA[index];
            unprocessedBob = depositsBob(assetId) - ccs.processedDepositsB[index];
        } else {
            // An asset the state never saw: everything in it is an unreconciled deposit.
            require(!assetInState(ccs, assetId), "ChannelAdjudicator: INDEX_MISMATCH");
            require(defundNonces[assetId] == 0, "ChannelAdjudicator: CHANNEL_ALREADY_DEFUNDED");
            defundNonces[assetId] = 1;
            balance.to[0] = payable(ccs.alice);
            balance.to[1] = payable(ccs.bob);
            unprocessedAlice = depositsAlice(assetId);
            unprocessedBob = depositsBob(assetId);
        }
        // Deposits the state had not reconciled yet still belong to whoever made them.
        balance.amount[0] += unprocessedAlice;
        balance.amount[1] += unprocessedBob;
        makeBalanceExitable(assetId, balance);
    }

    function verifyChannelProperties(CoreChannelState calldata ccs) private view {
        require(ccs.channelAddress == address(this), "ChannelAdjudicator: INVALID_CHANNEL");
        require(ccs.alice == alice && ccs.bob == bob, "ChannelAdjudicator: INVALID_PARTICIPANTS");
        require(ccs.timeout > 0, "ChannelAdjudicator: ZERO_TIMEOUT");
    }

    function assetInState(CoreChannelState calldata ccs, address assetId) private pure returns (bool) {
        for (uint256 i = 0; i < ccs.assetIds.length; i++) {
            if (ccs.assetIds[i] == assetId) {
                return true;
            }
        }
        return false;
    }

    function inConsensusPhase() private view returns (bool) {
        return block.timestamp < channelDispute.consensusExpiry;
    }

    function inDefundPhase() private view returns (bool) {
        return channelDispute.consensusExpiry <= block.timestamp && block.timestamp < channelDispute.defundExpiry;
    }

    function hashChannelState(CoreChannelState calldata ccs) private pure returns (bytes32) {
        return keccak256(abi.encode(ccs));
    }

    function hashTransferState(CoreTransferState calldata cts) private pure returns (bytes32) {
        return keccak256(abi.encode(cts));
    }
}
