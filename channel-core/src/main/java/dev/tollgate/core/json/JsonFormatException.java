package dev.tollgate.core.json;

/**
 * Malformed JSON input, with the path of the offending field (for example {@code
 * balances[1].to[0]}).
 */
public final class JsonFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String path;

  public JsonFormatException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.path = path;
  }

  public String path() {
    return path;
  }
}
