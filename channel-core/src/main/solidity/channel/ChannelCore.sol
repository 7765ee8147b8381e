// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IChannelCore} from "../interfaces/IChannelCore.sol";

/// The participants of one channel. Every channel is a proxy that delegates here, so the
/// mastercopy itself must never hold funds or be set up.
abstract contract ChannelCore is ReentrancyGuard, IChannelCore {
    address private immutable mastercopyAddress;

    address internal alice;
    address internal bob;

    constructor() {
        mastercopyAddress = address(this);
    }

    modifier onlyViaProxy() {
        require(address(this) != mastercopyAddress, "ChannelCore: ONLY_VIA_PROXY");
        _;
    }

    function setup(address _alice, address _bob) external override onlyViaProxy {
        require(alice == address(0), "ChannelCore: ALREADY_SETUP");
        require(_alice != address(0) && _bob != address(0), "ChannelCore: ZERO_PARTICIPANT");
        require(_alice != _bob, "ChannelCore: IDENTICAL_PARTICIPANTS");
        alice = _alice;
        bob = _bob;
    }

    function getAlice() external view override onlyViaProxy returns (address) {
        return alice;
    }

    function getBob() external view override onlyViaProxy returns (address) {
        return bob;
    }
}
