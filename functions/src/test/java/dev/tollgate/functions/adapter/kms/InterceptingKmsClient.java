package dev.tollgate.functions.adapter.kms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyRequest;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SignResponse;

/**
 * Forwards the two calls KmsSigner makes to a real (emulated) client, recording KMS's raw
 * signatures and optionally rewriting requests or responses to play a misbehaving KMS.
 */
final class InterceptingKmsClient implements KmsClient {
  private final KmsClient delegate;
  private final UnaryOperator<GetPublicKeyResponse> publicKeys;
  private final UnaryOperator<SignRequest> signRequests;
  private final UnaryOperator<SignResponse> signResponses;
  private final List<byte[]> rawSignatures = new ArrayList<>();

  private InterceptingKmsClient(
      KmsClient delegate,
      UnaryOperator<GetPublicKeyResponse> publicKeys,
      UnaryOperator<SignRequest> signRequests,
      UnaryOperator<SignResponse> signResponses) {
    this.delegate = delegate;
    this.publicKeys = publicKeys;
    this.signRequests = signRequests;
    this.signResponses = signResponses;
  }

  static InterceptingKmsClient recording(KmsClient delegate) {
    return new InterceptingKmsClient(
        delegate, UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
  }

  static InterceptingKmsClient rewritingPublicKeys(
      KmsClient delegate, UnaryOperator<GetPublicKeyResponse> publicKeys) {
    return new InterceptingKmsClient(
        delegate, publicKeys, UnaryOperator.identity(), UnaryOperator.identity());
  }

  static InterceptingKmsClient rewritingSignRequests(
      KmsClient delegate, UnaryOperator<SignRequest> signRequests) {
    return new InterceptingKmsClient(
        delegate, UnaryOperator.identity(), signRequests, UnaryOperator.identity());
  }

  static InterceptingKmsClient rewritingSignResponses(
      KmsClient delegate, UnaryOperator<SignResponse> signResponses) {
    return new InterceptingKmsClient(
        delegate, UnaryOperator.identity(), UnaryOperator.identity(), signResponses);
  }

  /** The DER signatures KMS returned, before any rewriting, oldest first. */
  List<byte[]> rawSignatures() {
    return rawSignatures;
  }

  @Override
  public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
    return publicKeys.apply(delegate.getPublicKey(request));
  }

  @Override
  public SignResponse sign(SignRequest request) {
    SignResponse response = delegate.sign(signRequests.apply(request));
    rawSignatures.add(response.signature().asByteArray());
    return signResponses.apply(response);
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  /** The delegate belongs to the test class, which closes it. */
  @Override
  public void close() {}
}
