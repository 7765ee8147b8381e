// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {WithdrawData} from "./IChannelWithdrawals.sol";

/// Called after a withdrawal has paid its recipient, when the commitment names a `callTo`.
interface IWithdrawHelper {
    function execute(WithdrawData calldata wd, uint256 actualAmount) external;
}
