package dev.tollgate.infra.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One publisher allowed on the facilitator routes ({@code POST /quote}, {@code /verify}, {@code
 * /settle}), as the gateway reads it: {@code tollgate.publishers.<name>.token} from its own Secrets
 * Manager secret, {@code tollgate.publishers.<name>.resources} from {@link #environmentVariable()}.
 * The name becomes part of an environment variable's name, where Micronaut reads {@code _} as a
 * separator, so it is lower-case letters and digits only.
 *
 * @param resources the resource URL prefixes the publisher may quote and settle for
 */
public record PublisherConfig(String name, List<String> resources) {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,31}");

  public PublisherConfig {
    Objects.requireNonNull(name, "name");
    resources = List.copyOf(resources);
  }

  /** The property the gateway reads the publisher's bearer token as. */
  public String tokenProperty() {
    return "tollgate.publishers." + name + ".token";
  }

  /** The environment variable of {@code tollgate.publishers.<name>.resources}. */
  public String environmentVariable() {
    return "TOLLGATE_PUBLISHERS_" + name.toUpperCase(Locale.ROOT) + "_RESOURCES";
  }

  /** The name with a capital first letter, for construct and output ids. */
  public String idPart() {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
