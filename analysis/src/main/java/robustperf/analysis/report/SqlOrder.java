package robustperf.analysis.report;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Spark SQL's ORDER BY for rows read as records, so the pages list them as the tables' SQL did:
 * ascending puts nulls first, descending puts them last.
 */
final class SqlOrder {
  private SqlOrder() {}

  /**
   * @param key a component, {@code Record::component}
   * @return ascending by it, nulls first
   */
  static <R, T extends Comparable<? super T>> Comparator<R> asc(Function<R, T> key) {
    return Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
  }

  /**
   * @param key a component, {@code Record::component}
   * @return descending by it, nulls last
   */
  static <R, T extends Comparable<? super T>> Comparator<R> desc(Function<R, T> key) {
    return Comparator.comparing(key, Comparator.nullsLast(Comparator.reverseOrder()));
  }

  /**
   * @param rows the rows
   * @param order their order
   * @return them in that order (stable: ties keep the table's canonical order)
   */
  static <R> List<R> sorted(Stream<R> rows, Comparator<R> order) {
    return rows.sorted(order).toList();
  }
}
