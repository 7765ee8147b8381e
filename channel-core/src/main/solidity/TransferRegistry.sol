// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ITransferRegistry, RegisteredTransfer} from "./interfaces/ITransferRegistry.sol";
import {ITransferDefinition} from "./interfaces/ITransferDefinition.sol";

/// The transfer definitions a gateway accepts, with the encodings clients need to use them.
contract TransferRegistry is Ownable, ITransferRegistry {
    RegisteredTransfer[] private transfers;
    mapping(string => uint256) private positionOf; // index + 1; zero means absent

    constructor(address owner) Ownable(owner) {}

    function addTransferDefinition(RegisteredTransfer calldata transfer) external override onlyOwner {
        require(bytes(transfer.name).length > 0, "TransferRegistry: EMPTY_NAME");
        require(positionOf[transfer.name] == 0, "TransferRegistry: NAME_TAKEN");
        require(transfer.definition.code.length > 0, "TransferRegistry: DEFINITION_NOT_A_CONTRACT");
        transfers.push(transfer);
        positionOf[transfer.name] = transfers.length;
        emit TransferAdded(transfer);
    }

    function removeTransferDefinition(string calldata name) external override onlyOwner {
        uint256 position = positionOf[name];
        require(position != 0, "TransferRegistry: UNKNOWN_NAME");
        RegisteredTransfer memory removed = transfers[position - 1];
        RegisteredTransfer memory last = transfers[transfers.length - 1];
        transfers[position - 1] = last;
        positionOf[last.name] = position;
        transfers.pop();
        delete positionOf[name];
        emit TransferRemoved(removed);
    }

    function getTransferDefinitions() external view override returns (RegisteredTransfer[] memory) {
        return transfers;
    }
}
