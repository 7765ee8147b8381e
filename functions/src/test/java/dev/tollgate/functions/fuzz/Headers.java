package dev.tollgate.functions.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads a header the fuzz run built back into its JSON. */
final class Headers {
  private Headers() {}

  static ObjectNode json(String header) {
    return (ObjectNode)
        ChannelJson.parse(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
  }
}
