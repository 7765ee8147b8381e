// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// Ether is the zero asset id; every other asset id is an ERC20 token.
library LibAsset {
    using SafeERC20 for IERC20;

    address internal constant ETHER = address(0);

    function isEther(address assetId) internal pure returns (bool) {
        return assetId == ETHER;
    }

    function getOwnBalance(address assetId) internal view returns (uint256) {
        return isEther(assetId) ? address(this).balance : IERC20(assetId).balanceOf(address(this));
    }

    function transfer(address assetId, address payable recipient, uint256 amount) internal {
        if (isEther(assetId)) {
            Address.sendValue(recipient, amount);
        } else {
            IERC20(assetId).safeTransfer(recipient, amount);
        }
    }
}
