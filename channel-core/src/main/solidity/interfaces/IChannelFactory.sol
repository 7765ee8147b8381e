// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IChannelFactory {
    event ChannelCreation(address indexed channel, address indexed alice, address indexed bob);

    function getMastercopy() external view returns (address);

    function getChainId() external view returns (uint256);

    /// The init code of every channel proxy; its keccak is the CREATE2 code hash.
    function getProxyCreationCode() external view returns (bytes memory);

    function getChannelAddress(address alice, address bob) external view returns (address);

    function createChannel(address alice, address bob) external returns (address);

    function createChannelAndDepositAlice(address alice, address bob, address assetId, uint256 amount)
        external
        payable
        returns (address);
}
