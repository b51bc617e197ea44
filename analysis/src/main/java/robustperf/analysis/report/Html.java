package robustperf.analysis.report;

/** HTML escaping for text that comes from data files (model names, footnotes, error messages). */
public final class Html {
  private Html() {}

  /**
   * Escapes text for an HTML element body or a quoted attribute value.
   *
   * @param text any text, may be null
   * @return the escaped text; empty for null
   */
  public static String escape(Object text) {
    if (text == null) {
      return "";
    }
    String s = text.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
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
}
