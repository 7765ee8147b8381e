// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Balance} from "../interfaces/Types.sol";
import {LibChannelCrypto} from "../lib/LibChannelCrypto.sol";
import {TransferDefinition} from "./TransferDefinition.sol";

/// Locks the amount being withdrawn until the responder countersigns the withdraw commitment
/// `data`; the amount less the fee then leaves the channel, and the fee goes to the responder.
/// A responder signature of 65 zero bytes cancels.
contract Withdraw is TransferDefinition {
    struct TransferState {
        bytes initiatorSignature;
        address initiator;
        address responder;
        bytes32 data;
        uint256 nonce;
        uint256 fee;
        address callTo;
        bytes callData;
    }

    struct TransferResolver {
        bytes responderSignature;
    }

    string public constant override Name = "Withdraw";
    string public constant override StateEncoding =
        "tuple(bytes initiatorSignature, address initiator, address responder, bytes32 data, uint256 nonce, uint256 fee, address callTo, bytes callData)";
    string public constant override ResolverEncoding = "tuple(bytes responderSignature)";

    function EncodedCancel() external pure override returns (bytes memory) {
        return abi.encode(TransferResolver({responderSignature: new bytes(65)}));
    }

    function create(bytes calldata encodedBalance, bytes calldata encodedState)
        external
        pure
        override
        returns (bool)
    {
        TransferState memory state = abi.decode(encodedState, (TransferState));
        Balance memory balance = abi.decode(encodedBalance, (Balance));
        require(balance.amount[1] == 0, "Withdraw: NONZERO_RECIPIENT_BALANCE");
        require(state.initiator != address(0) && state.responder != address(0), "Withdraw: EMPTY_SIGNERS");
        require(state.data != bytes32(0) && state.nonce != 0, "Withdraw: EMPTY_DATA");
        require(state.fee <= balance.amount[0], "Withdraw: INSUFFICIENT_BALANCE");
        require(
            recover(state.data, state.initiatorSignature) == state.initiator, "Withdraw: INVALID_INITIATOR_SIG"
        );
        return true;
    }

    function resolve(bytes calldata encodedBalance, bytes calldata encodedState, bytes calldata encodedResolver)
        external
        pure
        override
        returns (Balance memory)
    {
        TransferState memory state = abi.decode(encodedState, (TransferState));
        TransferResolver memory resolver = abi.decode(encodedResolver, (TransferResolver));
        Balance memory balance = abi.decode(encodedBalance, (Balance));
        if (keccak256(resolver.responderSignature) == keccak256(new bytes(65))) {
            return balance;
        }
        require(
            recover(state.data, resolver.responderSignature) == state.responder, "Withdraw: INVALID_RESPONDER_SIG"
        );
        require(state.fee <= balance.amount[0], "Withdraw: INSUFFICIENT_BALANCE");
        balance.amount[0] = 0;
        balance.amount[1] = state.fee;
        return balance;
    }

    function recover(bytes32 commitment, bytes memory signature) private pure returns (address) {
        return LibChannelCrypto.recoverMemory(commitment, signature);
    }
}
