package dev.tollgate.bench.cost;

import java.util.Objects;

/**
 * Where one input of the cost model comes from. Every price and every figure names one, so the
 * document can say which numbers are list prices, which Tollgate measured, which are set in its
 * code and which are only assumed.
 */
public sealed interface Source {
  /** How the document cites it, in one line of markdown. */
  String cite();

  /** A public list price: the page it was read on and the day it was read. */
  record ListPrice(String url, String readOn, String note) implements Source {
    public ListPrice {
      requireText(url, "url");
      requireText(readOn, "readOn");
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String cite() {
      return "list price, " + url + " (read " + readOn + ")" + (note.isEmpty() ? "" : "; " + note);
    }
  }

  /**
   * A price no source at hand confirmed: the figure as remembered. It is marked so, and must be
   * checked before anyone relies on it.
   */
  record FromMemory(String note) implements Source {
    public FromMemory {
      requireText(note, "note");
    }

    @Override
    public String cite() {
      return "**from memory, check before relying on it**: " + note;
    }
  }

  /** A figure Tollgate measured: the command that measures it again and the day it was run. */
  record Measured(String command, String on) implements Source {
    public Measured {
      requireText(command, "command");
      requireText(on, "on");
    }

    @Override
    public String cite() {
      return "measured " + on + ": `" + command + "`";
    }
  }

  /** A value set in Tollgate's code or deployment defaults. */
  record Configured(String where) implements Source {
    public Configured {
      requireText(where, "where");
    }

    @Override
    public String cite() {
      return "set in " + where;
    }
  }

  /** A stated assumption: neither measured nor published; the reason says why this value. */
  record Assumed(String why) implements Source {
    public Assumed {
      requireText(why, "why");
    }

    @Override
    public String cite() {
      return "**assumption**: " + why;
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must name something, got '" + value + "'");
    }
  }
}
