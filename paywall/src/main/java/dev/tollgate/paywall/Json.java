package dev.tollgate.paywall;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The module's one Jackson mapper: the gateway's bodies, the answers' bodies, the receipts. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
