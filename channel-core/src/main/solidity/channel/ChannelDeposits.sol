// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IChannelDeposits} from "../interfaces/IChannelDeposits.sol";
import {LibAsset} from "../lib/LibAsset.sol";
import {ChannelAssets} from "./ChannelAssets.sol";

abstract contract ChannelDeposits is ChannelAssets, IChannelDeposits {
    using SafeERC20 for IERC20;

    mapping(address => uint256) private totalDepositsAlice;

    /// Bob's Ether deposits are plain transfers to the channel address.
    receive() external payable onlyViaProxy {}

    function getTotalDepositsAlice(address assetId) external view override onlyViaProxy returns (uint256) {
        return totalDepositsAlice[assetId];
    }

    function getTotalDepositsBob(address assetId) external view override onlyViaProxy returns (uint256) {
        return depositsBob(assetId);
    }

    function depositAlice(address assetId, uint256 amount) external payable override onlyViaProxy nonReentrant {
        uint256 received;
        if (LibAsset.isEther(assetId)) {
            require(msg.value == amount, "ChannelDeposits: VALUE_MISMATCH");
            received = amount;
        } else {
            require(msg.value == 0, "ChannelDeposits: ETHER_WITH_TOKEN_DEPOSIT");
            // Credit what arrived, not what was asked for, so a fee-charging token can never make
            // alice's total exceed the channel's holdings and underflow bob's.
            uint256 before = IERC20(assetId).balanceOf(address(this));
            IERC20(assetId).safeTransferFrom(msg.sender, address(this), amount);
            received = IERC20(assetId).balanceOf(address(this)) - before;
        }
        totalDepositsAlice[assetId] += received;
        emit AliceDeposited(assetId, received);
    }

    function depositsAlice(address assetId) internal view returns (uint256) {
        return totalDepositsAlice[assetId];
    }

    function depositsBob(address assetId) internal view returns (uint256) {
        return LibAsset.getOwnBalance(assetId) + totalTransferred[assetId] - totalDepositsAlice[assetId];
    }
}
