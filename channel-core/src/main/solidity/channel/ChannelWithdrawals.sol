// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IChannelWithdrawals, WithdrawData} from "../interfaces/IChannelWithdrawals.sol";
import {IWithdrawHelper} from "../interfaces/IWithdrawHelper.sol";
import {CommitmentType} from "../interfaces/Types.sol";
import {LibChannelCrypto} from "../lib/LibChannelCrypto.sol";
import {ChannelAssets} from "./ChannelAssets.sol";

abstract contract ChannelWithdrawals is ChannelAssets, IChannelWithdrawals {
    mapping(bytes32 => bool) private isExecuted;

    function getWithdrawalTransactionRecord(WithdrawData calldata wd)
        external
        view
        override
        onlyViaProxy
        returns (bool)
    {
        return isExecuted[hashWithdrawData(wd)];
    }

    function withdraw(WithdrawData calldata wd, bytes calldata aliceSignature, bytes calldata bobSignature)
        external
        override
        onlyViaProxy
        nonReentrant
    {
        require(wd.channelAddress == address(this), "ChannelWithdrawals: CHANNEL_MISMATCH");
        bytes32 wdHash = hashWithdrawData(wd);
        require(!isExecuted[wdHash], "ChannelWithdrawals: ALREADY_EXECUTED");
        bytes32 commitment = keccak256(abi.encode(CommitmentType.WithdrawData, wdHash));
        LibChannelCrypto.requireSignedBy(commitment, aliceSignature, alice, "ChannelWithdrawals: INVALID_ALICE_SIG");
        LibChannelCrypto.requireSignedBy(commitment, bobSignature, bob, "ChannelWithdrawals: INVALID_BOB_SIG");
        isExecuted[wdHash] = true;

        if (wd.amount > 0) {
            transferAsset(wd.assetId, wd.recipient, wd.amount);
        }
        if (wd.callTo != address(0)) {
            IWithdrawHelper(wd.callTo).execute(wd, wd.amount);
        }
        emit WithdrawalExecuted(wdHash, wd.assetId, wd.recipient, wd.amount);
    }

    function hashWithdrawData(WithdrawData calldata wd) internal pure returns (bytes32) {
        return keccak256(abi.encode(wd));
    }
}
