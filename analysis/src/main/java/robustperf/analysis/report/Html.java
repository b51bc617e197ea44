package robustperf.analysis.report;

/** HTML escaping for text that comes from data files (model names, footnotes, error messages). */
public final class Html {
  private Html() {}

  /**
   * The start of a RobustPerf page: doctype, title, the shared style, and the heading.
   *
   * @param title page title and heading
   * @param extraStyle CSS added to the shared rules, may be empty
   * @return the HTML up to and including the h1
   */
  public static String pageStart(String title, String extraStyle) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title><style>body{font-family:sans-serif;margin:2em;max-width:75em}"
        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em}"
        + "td.n{text-align:right}caption{text-align:left;font-weight:bold}" + extraStyle
        + "</style></head><body>\n<h1>" + escape(title) + "</h1>\n";
  }

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
