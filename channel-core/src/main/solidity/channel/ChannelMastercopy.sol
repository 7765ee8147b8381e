// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IChannel} from "../interfaces/IChannel.sol";
import {ChannelCore} from "./ChannelCore.sol";
import {ChannelAssets} from "./ChannelAssets.sol";
import {ChannelDeposits} from "./ChannelDeposits.sol";
import {ChannelWithdrawals} from "./ChannelWithdrawals.sol";
import {ChannelAdjudicator} from "./ChannelAdjudicator.sol";

/// The logic every channel runs. ChannelFactory deploys one minimal proxy of this contract per
/// (alice, bob) pair; the mastercopy itself refuses every call.
contract ChannelMastercopy is ChannelCore, ChannelAssets, ChannelDeposits, ChannelWithdrawals, ChannelAdjudicator, IChannel {}
