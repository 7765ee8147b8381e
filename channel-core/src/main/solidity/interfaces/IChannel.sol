// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IChannelCore} from "./IChannelCore.sol";
import {IChannelAssets} from "./IChannelAssets.sol";
import {IChannelDeposits} from "./IChannelDeposits.sol";
import {IChannelWithdrawals} from "./IChannelWithdrawals.sol";
import {IChannelAdjudicator} from "./IChannelAdjudicator.sol";

/// Everything one channel contract answers to; each channel is a proxy of ChannelMastercopy.
interface IChannel is IChannelCore, IChannelAssets, IChannelDeposits, IChannelWithdrawals, IChannelAdjudicator {}
