package robustperf.analysis.report;

import java.util.List;

/** Builds an HTML table whose every cell is escaped; numbers are right-aligned. */
public final class HtmlTable {
  private final StringBuilder html = new StringBuilder();

  private HtmlTable(String caption, List<String> headers) {
    html.append("<table>");
    if (caption != null) {
      html.append("<caption>").append(Html.escape(caption)).append("</caption>");
    }
    html.append("<tr>");
    for (String h : headers) {
      html.append("<th>").append(Html.escape(h)).append("</th>");
    }
    html.append("</tr>\n");
  }

  /**
   * @param caption caption text, or null
   * @param headers column headers
   * @return an empty table
   */
  public static HtmlTable create(String caption, String... headers) {
    return new HtmlTable(caption, List.of(headers));
  }

  /**
   * Adds a row. Numbers are right-aligned; doubles are shown with {@code %.4g} unless given as
   * preformatted strings; null shows as an empty cell.
   *
   * @param cells the row's values
   * @return this table
   */
  public HtmlTable row(Object... cells) {
    html.append("<tr>");
    for (Object c : cells) {
      if (c instanceof Double d) {
        html.append("<td class=\"n\">").append(Html.escape(String.format("%.4g", d))).append("</td>");
      } else if (c instanceof Number n) {
        html.append("<td class=\"n\">").append(Html.escape(n)).append("</td>");
      } else {
        html.append("<td>").append(Html.escape(c)).append("</td>");
      }
    }
    html.append("</tr>\n");
    return this;
  }

  /** @return the table's HTML */
  public String html() {
    return html + "</table>\n";
  }
}
