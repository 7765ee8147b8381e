// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ITransferDefinition} from "../interfaces/ITransferDefinition.sol";
import {RegisteredTransfer} from "../interfaces/ITransferRegistry.sol";

abstract contract TransferDefinition is ITransferDefinition {
    function getRegistryInformation() external view override returns (RegisteredTransfer memory) {
        return RegisteredTransfer({
            name: this.Name(),
            definition: address(this),
            stateEncoding: this.StateEncoding(),
            resolverEncoding: this.ResolverEncoding(),
            encodedCancel: this.EncodedCancel()
        });
    }
}
