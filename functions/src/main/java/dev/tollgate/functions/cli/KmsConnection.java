package dev.tollgate.functions.cli;

import dev.tollgate.functions.config.AwsClients;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Where a command's KMS calls go: the real service in {@code --region} (or the default region, as
 * the AWS CLI finds it) with the default credential chain, or the emulator at {@code --endpoint}
 * with placeholder credentials, so an operator's real ones never reach it.
 */
record KmsConnection(Optional<URI> endpoint, Optional<String> region) {
  static final String REGION = "--region";
  static final String ENDPOINT = "--endpoint";

  static KmsConnection from(CommandArguments arguments) {
    return new KmsConnection(
        arguments.value(ENDPOINT).map(KmsConnection::endpointUri), arguments.value(REGION));
  }

  private static URI endpointUri(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new UsageException(ENDPOINT + " is not a URL: '" + value + "'");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new UsageException(
          ENDPOINT + " must be an http(s) URL such as http://127.0.0.1:5000, got '" + value + "'");
    }
    return uri;
  }

  /** The client; fails here, before any call, when no region is given or configured. */
  KmsClient open() {
    try {
      return AwsClients.kms(endpoint.map(URI::toString), region);
    } catch (SdkClientException e) {
      if (region.isPresent()) {
        throw e;
      }
      // The SDK's own message lists every provider it asked, with object ids; say what to do.
      throw SdkClientException.create(
          "no AWS region: give " + REGION + ", or set AWS_REGION or a region in the AWS profile",
          e);
    }
  }
}
