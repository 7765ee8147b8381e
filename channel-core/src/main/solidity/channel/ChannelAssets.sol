// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IChannelAssets} from "../interfaces/IChannelAssets.sol";
import {Balance} from "../interfaces/Types.sol";
import {LibAsset} from "../lib/LibAsset.sol";
import {ChannelCore} from "./ChannelCore.sol";

/// Book-keeping of what left the channel. Defunds only credit exitable amounts and `exit` pays
/// them, so a recipient that refuses payment cannot block the other party's defund.
abstract contract ChannelAssets is ChannelCore, IChannelAssets {
    mapping(address => uint256) internal totalTransferred;
    mapping(address => mapping(address => uint256)) private exitableAmount;

    function getTotalTransferred(address assetId) external view override onlyViaProxy returns (uint256) {
        return totalTransferred[assetId];
    }

    function getExitableAmount(address assetId, address owner)
        external
        view
        override
        onlyViaProxy
        returns (uint256)
    {
        return exitableAmount[assetId][owner];
    }

    function exit(address assetId, address owner, address payable recipient)
        external
        override
        onlyViaProxy
        nonReentrant
    {
        // Anyone may push funds to their owner; only the owner may send them elsewhere.
        require(msg.sender == owner || owner == recipient, "ChannelAssets: OWNER_MISMATCH");
        uint256 amount = exitableAmount[assetId][owner];
        require(amount > 0, "ChannelAssets: NOTHING_TO_EXIT");
        exitableAmount[assetId][owner] = 0;
        transferAsset(assetId, recipient, amount);
        emit Exited(assetId, owner, recipient, amount);
    }

    function makeBalanceExitable(address assetId, Balance memory balance) internal {
        for (uint256 i = 0; i < 2; i++) {
            if (balance.amount[i] > 0) {
                exitableAmount[assetId][balance.to[i]] += balance.amount[i];
            }
        }
    }

    function transferAsset(address assetId, address payable recipient, uint256 amount) internal {
        totalTransferred[assetId] += amount;
        LibAsset.transfer(assetId, recipient, amount);
    }
}
