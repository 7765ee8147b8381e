// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

struct RegisteredTransfer {
    string name;
    address definition;
    string stateEncoding;
    string resolverEncoding;
    bytes encodedCancel;
}

interface ITransferRegistry {
    event TransferAdded(RegisteredTransfer transfer);

    event TransferRemoved(RegisteredTransfer transfer);

    function addTransferDefinition(RegisteredTransfer calldata transfer) external;

    function removeTransferDefinition(string calldata name) external;

    function getTransferDefinitions() external view returns (RegisteredTransfer[] memory);
}
