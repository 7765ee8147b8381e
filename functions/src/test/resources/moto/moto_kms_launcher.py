"""Starts moto's server on 127.0.0.1 with KMS Sign/Verify honouring MessageType=DIGEST.

Usage: python3 moto_kms_launcher.py PORT

moto 5.2.1 ignores MessageType and always hashes the message again, so a signature over a
pre-hashed digest would be a signature over SHA-256(digest). Real KMS signs the digest as is;
the Tollgate KMS signer depends on that (its digests are keccak-256, and a second hash would make
every signature recover to a stranger). Only ECDSA keys get the DIGEST path; RSA keys in DIGEST
mode are refused loudly rather than signed wrongly.

moto also signs with a key whatever its state; real KMS refuses a disabled key (DisabledException)
and one pending deletion (KMSInvalidStateException). The launcher refuses them as KMS does, so a
test can disable the gateway's key through the API and see what the gateway makes of it.
"""

import sys
import threading

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.exceptions import InvalidSignature

import moto.server
from moto.core.exceptions import JsonRESTError
from moto.kms import models as kms_models
from moto.kms import responses as kms_responses
from moto.kms import utils as kms_utils
from moto.kms.exceptions import ValidationException

# The message type is a request parameter but the signing happens three calls deeper, in the key
# object; the server runs one thread per request, so a thread-local carries it down.
_request = threading.local()

_DIGEST_HASHES = {
    "ECDSA_SHA_256": hashes.SHA256,
    "ECDSA_SHA_384": hashes.SHA384,
    "ECDSA_SHA_512": hashes.SHA512,
}


def _digest_mode() -> bool:
    return getattr(_request, "digest", False)


def _with_message_type(original):
    def handler(self):
        _request.digest = self._get_param("MessageType") == "DIGEST"
        try:
            return original(self)
        finally:
            _request.digest = False

    return handler


def _prehashed(message: bytes, signing_algorithm: str) -> ec.ECDSA:
    algorithm = _DIGEST_HASHES[signing_algorithm]()
    if len(message) != algorithm.digest_size:
        # Real KMS refuses a digest whose length does not match the algorithm's hash.
        raise ValidationException(
            f"Digest is invalid length for algorithm {signing_algorithm}: "
            f"{len(message)} bytes, expected {algorithm.digest_size}"
        )
    return ec.ECDSA(Prehashed(algorithm))


_original_ec_sign = kms_utils.ECDSAPrivateKey.sign
_original_ec_verify = kms_utils.ECDSAPrivateKey.verify
_original_rsa_sign = kms_utils.RSAPrivateKey.sign
_original_rsa_verify = kms_utils.RSAPrivateKey.verify


def _ec_sign(self, message, signing_algorithm):
    if not _digest_mode():
        return _original_ec_sign(self, message, signing_algorithm)
    kms_utils.validate_signing_algorithm(signing_algorithm, self.valid_signing_algorithms)
    return self.private_key.sign(message, _prehashed(message, signing_algorithm))


def _ec_verify(self, message, signature, signing_algorithm):
    if not _digest_mode():
        return _original_ec_verify(self, message, signature, signing_algorithm)
    kms_utils.validate_signing_algorithm(signing_algorithm, self.valid_signing_algorithms)
    try:
        self.private_key.public_key().verify(
            signature, message, _prehashed(message, signing_algorithm)
        )
        return True
    except InvalidSignature:
        return False


def _refuse_rsa_digest(original):
    def method(self, *args):
        if _digest_mode():
            raise ValidationException(
                "moto_kms_launcher: MessageType=DIGEST is only implemented for ECDSA keys"
            )
        return original(self, *args)

    return method


class _KeyStateError(JsonRESTError):
    code = 400


def _refuse_unusable_keys(original):
    def sign(self, key_id, message, signing_algorithm):
        key = self.describe_key(key_id)
        if key.key_state == "Disabled":
            raise _KeyStateError("DisabledException", f"{key.arn} is disabled.")
        if key.key_state != "Enabled":
            state = "pending deletion" if key.key_state == "PendingDeletion" else key.key_state
            raise _KeyStateError("KMSInvalidStateException", f"{key.arn} is {state}.")
        return original(self, key_id, message, signing_algorithm)

    return sign


def install_key_state_patch() -> None:
    kms_models.KmsBackend.sign = _refuse_unusable_keys(kms_models.KmsBackend.sign)


def install_digest_patch() -> None:
    kms_responses.KmsResponse.sign = _with_message_type(kms_responses.KmsResponse.sign)
    kms_responses.KmsResponse.verify = _with_message_type(kms_responses.KmsResponse.verify)
    kms_utils.ECDSAPrivateKey.sign = _ec_sign
    kms_utils.ECDSAPrivateKey.verify = _ec_verify
    kms_utils.RSAPrivateKey.sign = _refuse_rsa_digest(_original_rsa_sign)
    kms_utils.RSAPrivateKey.verify = _refuse_rsa_digest(_original_rsa_verify)


def main(argv) -> None:
    if len(argv) != 1 or not argv[0].isdigit():
        sys.exit("usage: moto_kms_launcher.py PORT")
    install_digest_patch()
    install_key_state_patch()
    moto.server.main(["-H", "127.0.0.1", "-p", argv[0]])


if __name__ == "__main__":
    main(sys.argv[1:])
