package dev.tollgate.functions.fuzz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request of the fuzz run: a GET of {@code path} carrying {@code headers} as its {@code
 * PAYMENT-SIGNATURE} values (none, one, or several), or {@code raw}, the bytes of one header value
 * sent as they are over a plain socket for what an HTTP client library refuses to send.
 *
 * @param kind what exactly was done, within the family (a field and how it was changed)
 * @param expected the refusal reasons this case must get, or empty when any named refusal will do
 * @param forbidden reasons this case must not get: {@code bad_signature} for a change made to the
 *     stranger-signed twin that the gateway must refuse before it checks the signature
 */
record FuzzCase(
    Family family,
    String kind,
    String path,
    List<String> headers,
    Optional<byte[]> raw,
    Set<String> expected,
    Set<String> forbidden) {
  static final String BAD_SIGNATURE = "bad_signature";

  FuzzCase {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    headers = List.copyOf(headers);
    raw = raw.map(byte[]::clone);
    expected = Set.copyOf(expected);
    forbidden = Set.copyOf(forbidden);
    if (raw.isPresent() && !headers.isEmpty()) {
      throw new IllegalArgumentException("a case is sent either raw or by the client, not both");
    }
  }

  static FuzzCase of(Family family, String kind, String path, String header, String... expected) {
    return new FuzzCase(
        family, kind, path, List.of(header), Optional.empty(), Set.of(expected), Set.of());
  }

  static FuzzCase several(Family family, String kind, String path, List<String> headers) {
    return new FuzzCase(family, kind, path, headers, Optional.empty(), Set.of(), Set.of());
  }

  static FuzzCase raw(Family family, String kind, String path, byte[] value) {
    return new FuzzCase(family, kind, path, List.of(), Optional.of(value), Set.of(), Set.of());
  }

  FuzzCase expecting(String... reasons) {
    return new FuzzCase(family, kind, path, headers, raw, Set.of(reasons), forbidden);
  }

  /**
   * For a change made to the stranger-signed twin: the gateway must refuse it before the signature
   * check, or the change meant nothing to it.
   */
  FuzzCase refusedBeforeTheSignature() {
    return new FuzzCase(family, kind, path, headers, raw, expected, Set.of(BAD_SIGNATURE));
  }

  /**
   * Whether the HTTP server may refuse this case before any gateway code sees it: raw bytes in the
   * header line, a header beyond the server's size limit, a path outside the gateway's routes.
   */
  boolean serverMayRefuse() {
    return raw.isPresent()
        || family == Family.HUGE_HEADER
        || !(path.startsWith("/paid/") || path.startsWith("/channels"));
  }

  /** For the report: the family, the kind and the path, never the (long) header itself. */
  String describe() {
    return family.label() + " / " + kind + " -> GET " + path;
  }
}
