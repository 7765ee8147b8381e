// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IChannelCore {
    function setup(address alice, address bob) external;

    function getAlice() external view returns (address);

    function getBob() external view returns (address);
}
