// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Balance} from "../interfaces/Types.sol";
import {TransferDefinition} from "./TransferDefinition.sol";

/// Pays the responder when it reveals `preImage` with `sha256(abi.encode(preImage)) == lockHash`
/// before `expiry` (zero: never expires). The zero preImage cancels and returns the funds.
contract HashlockTransfer is TransferDefinition {
    struct TransferState {
        bytes32 lockHash;
        uint256 expiry;
    }

    struct TransferResolver {
        bytes32 preImage;
    }

    string public constant override Name = "HashlockTransfer";
    string public constant override StateEncoding = "tuple(bytes32 lockHash, uint256 expiry)";
    string public constant override ResolverEncoding = "tuple(bytes32 preImage)";

    function EncodedCancel() external pure override returns (bytes memory) {
        return abi.encode(TransferResolver({preImage: bytes32(0)}));
    }

    function create(bytes calldata encodedBalance, bytes calldata encodedState)
        external
        view
        override
        returns (bool)
    {
        TransferState memory state = abi.decode(encodedState, (TransferState));
        Balance memory balance = abi.decode(encodedBalance, (Balance));
        require(balance.amount[0] > 0, "HashlockTransfer: ZERO_SENDER_BALANCE");
        require(balance.amount[1] == 0, "HashlockTransfer: NONZERO_RECIPIENT_BALANCE");
        require(state.lockHash != bytes32(0), "HashlockTransfer: EMPTY_LOCKHASH");
        require(state.expiry == 0 || state.expiry > block.timestamp, "HashlockTransfer: EXPIRED_TIMELOCK");
        return true;
    }

    function resolve(bytes calldata encodedBalance, bytes calldata encodedState, bytes calldata encodedResolver)
        external
        view
        override
        returns (Balance memory)
    {
        TransferState memory state = abi.decode(encodedState, (TransferState));
        TransferResolver memory resolver = abi.decode(encodedResolver, (TransferResolver));
        Balance memory balance = abi.decode(encodedBalance, (Balance));
        if (resolver.preImage != bytes32(0)) {
            require(state.expiry == 0 || state.expiry > block.timestamp, "HashlockTransfer: PAYMENT_EXPIRED");
            require(sha256(abi.encode(resolver.preImage)) == state.lockHash, "HashlockTransfer: INVALID_PREIMAGE");
            balance.amount[1] = balance.amount[0];
            balance.amount[0] = 0;
        }
        return balance;
    }
}
