// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

struct WithdrawData {
    address channelAddress;
    address assetId;
    address payable recipient;
    uint256 amount;
    uint256 nonce;
    address callTo;
    bytes callData;
}

interface IChannelWithdrawals {
    event WithdrawalExecuted(
        bytes32 indexed withdrawDataHash, address indexed assetId, address recipient, uint256 amount
    );

    function getWithdrawalTransactionRecord(WithdrawData calldata wd) external view returns (bool);

    function withdraw(WithdrawData calldata wd, bytes calldata aliceSignature, bytes calldata bobSignature)
        external;
}
