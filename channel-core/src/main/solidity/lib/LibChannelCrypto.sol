// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// Channel signatures are over `keccak256("\x16Vector Signed Message:\n32" ‖ commitment)`, the
/// prefix channel-core uses, so a channel signature is never a valid Ethereum transaction or
/// personal_sign message.
library LibChannelCrypto {
    function signedDigest(bytes32 commitment) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x16Vector Signed Message:\n32", commitment));
    }

    /// Reverts with `reason` unless `signature` is a well-formed, low-s signature by `expected`.
    /// Malformed and high-s signatures get their own reasons, which say what to fix.
    function requireSignedBy(bytes32 commitment, bytes calldata signature, address expected, string memory reason)
        internal
        pure
    {
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(signedDigest(commitment), signature);
        if (err == ECDSA.RecoverError.InvalidSignatureLength) {
            revert("LibChannelCrypto: SIGNATURE_LENGTH");
        }
        if (err == ECDSA.RecoverError.InvalidSignatureS) {
            revert("LibChannelCrypto: HIGH_S_SIGNATURE");
        }
        require(err == ECDSA.RecoverError.NoError && signer == expected, reason);
    }

    /// The signer of `commitment`, or the zero address for a malformed or high-s signature.
    function recoverMemory(bytes32 commitment, bytes memory signature) internal pure returns (address) {
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(signedDigest(commitment), signature);
        return err == ECDSA.RecoverError.NoError ? signer : address(0);
    }
}
