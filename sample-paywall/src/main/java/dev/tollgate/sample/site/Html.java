package dev.tollgate.sample.site;

/** Escaping for text placed in HTML: the site's pages carry titles and JSON from its settings. */
final class Html {
  private Html() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** JSON inside a script element: "<" escaped so no "</script>" can end it early. */
  static String scriptJson(String json) {
    return json.replace("<", "\\u003c");
  }
}
