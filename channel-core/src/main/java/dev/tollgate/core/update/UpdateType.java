package dev.tollgate.core.update;

/** Vector's update types, with their wire names. */
public enum UpdateType {
  SETUP("setup"),
  DEPOSIT("deposit"),
  CREATE("create"),
  RESOLVE("resolve");

  private final String wireName;

  UpdateType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static UpdateType fromWireName(String name) {
    for (UpdateType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown update type '" + name + "' (expected setup, deposit, create or resolve)");
  }
}
