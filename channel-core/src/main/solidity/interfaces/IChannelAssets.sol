// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IChannelAssets {
    event Exited(address indexed assetId, address indexed owner, address recipient, uint256 amount);

    /// What the channel has paid out of this asset so far (withdrawals and exits).
    function getTotalTransferred(address assetId) external view returns (uint256);

    /// What a defund credited to `owner` and `exit` has not yet paid.
    function getExitableAmount(address assetId, address owner) external view returns (uint256);

    function exit(address assetId, address owner, address payable recipient) external;
}
