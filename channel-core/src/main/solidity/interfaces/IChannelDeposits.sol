// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IChannelDeposits {
    event AliceDeposited(address indexed assetId, uint256 amount);

    function getTotalDepositsAlice(address assetId) external view returns (uint256);

    /// Bob deposits by plain transfers to the channel address, so his total is derived from what
    /// the channel holds and has paid out, less what alice put in.
    function getTotalDepositsBob(address assetId) external view returns (uint256);

    function depositAlice(address assetId, uint256 amount) external payable;
}
