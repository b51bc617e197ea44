package robustperf.records.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a small CSV file (RFC 4180 quoting, one line a row), each with its line number, and
 * typed access whose errors name the file, line and column. Shared by the catalogs and the
 * training-recipe table.
 */
public final class CsvRows {
  /**
   * One data row.
   *
   * @param file the file, as named in errors
   * @param line its 1-based line
   * @param values cell by column name
   */
  public record Row(String file, int line, Map<String, String> values) {
    /**
     * @param column a column
     * @return the cell, trimmed, or null when blank or absent
     */
    public String optional(String column) {
      String v = values.get(column);
      return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * @param column a column
     * @return the cell, trimmed
     * @throws CatalogException naming file, line and column when it is empty
     */
    public String text(String column) {
      String v = values.get(column);
      if (v == null || v.isBlank()) {
        throw new CatalogException(file, line, "column " + column + " is empty");
      }
      return v.trim();
    }

    double number(String column) {
      String v = text(column);
      try {
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d) || d < 0) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new CatalogException(file, line, "column " + column + " is '" + v + "', not a finite number >= 0");
      }
    }

    Integer optionalYear(String column) {
      String v = values.get(column);
      if (v == null || v.isBlank()) {
        return null;
      }
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new CatalogException(file, line, "column " + column + " is '" + v + "', not a year");
      }
    }

    LocalDate date(String column) {
      String v = text(column);
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw new CatalogException(file, line, "column " + column + " is '" + v + "', not a date YYYY-MM-DD");
      }
    }
  }

  private CsvRows() {}

  /**
   * @param file a CSV file with a header line
   * @param required columns the header must have
   * @return its rows
   * @throws CatalogException naming the file and line of the first malformed line
   */
  public static List<Row> read(Path file, List<String> required) {
    List<CatalogException> bad = new ArrayList<>();
    List<Row> rows = read(file, required, bad);
    if (!bad.isEmpty()) {
      throw bad.get(0);
    }
    return rows;
  }

  /**
   * Reads every well-formed row and collects the malformed lines instead of stopping at the first.
   *
   * @param file a CSV file with a header line
   * @param required columns the header must have
   * @param badLines receives one error per malformed line (wrong cell count, unterminated quote)
   * @return the well-formed rows
   * @throws CatalogException when the file cannot be read or its header lacks a required column
   */
  public static List<Row> read(Path file, List<String> required, List<CatalogException> badLines) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CatalogException(file.toString(), 0, "cannot read (" + e.getMessage() + ")");
    }
    if (lines.isEmpty()) {
      throw new CatalogException(file.toString(), 0, "empty: expected a header line");
    }
    List<String> header = split(lines.get(0), file, 1);
    for (String column : required) {
      if (!header.contains(column)) {
        throw new CatalogException(file.toString(), 1, "header lacks column " + column);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> cells;
      try {
        cells = split(lines.get(i), file, i + 1);
      } catch (CatalogException e) {
        badLines.add(e);
        continue;
      }
      if (cells.size() != header.size()) {
        badLines.add(new CatalogException(file.toString(), i + 1, cells.size() + " cells for " + header.size() + " columns"));
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int c = 0; c < cells.size(); c++) {
        values.put(header.get(c), cells.get(c));
      }
      rows.add(new Row(file.toString(), i + 1, values));
    }
    return rows;
  }

  private static List<String> split(String line, Path file, int number) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    if (quoted) {
      throw new CatalogException(file.toString(), number, "unterminated quote");
    }
    cells.add(cell.toString());
    return cells;
  }
}
