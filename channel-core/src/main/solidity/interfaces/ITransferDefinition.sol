// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Balance} from "./Types.sol";
import {RegisteredTransfer} from "./ITransferRegistry.sol";

/// The on-chain half of a conditional transfer's rules; channel-core holds the same rules in Java.
interface ITransferDefinition {
    function create(bytes calldata encodedBalance, bytes calldata encodedState) external view returns (bool);

    function resolve(bytes calldata encodedBalance, bytes calldata encodedState, bytes calldata encodedResolver)
        external
        view
        returns (Balance memory);

    function Name() external view returns (string memory);

    function StateEncoding() external view returns (string memory);

    function ResolverEncoding() external view returns (string memory);

    function EncodedCancel() external view returns (bytes memory);

    function getRegistryInformation() external view returns (RegisteredTransfer memory);
}
