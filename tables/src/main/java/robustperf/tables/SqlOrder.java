package robustperf.tables;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Spark SQL's ORDER BY for rows read as records ({@link Table#readAll}), so that code that sorted
 * a table in SQL keeps its order: ascending puts nulls first, descending puts them last.
 */
public final class SqlOrder {
  private SqlOrder() {}

  /**
   * @param key a component, {@code Record::component}
   * @param <R> the record type
   * @param <T> the component's type
   * @return ascending by it, nulls first
   */
  public static <R, T extends Comparable<? super T>> Comparator<R> asc(Function<R, T> key) {
    return Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
  }

  /**
   * @param key a component, {@code Record::component}
   * @param <R> the record type
   * @param <T> the component's type
   * @return descending by it, nulls last
   */
  public static <R, T extends Comparable<? super T>> Comparator<R> desc(Function<R, T> key) {
    return Comparator.comparing(key, Comparator.nullsLast(Comparator.reverseOrder()));
  }

  /**
   * @param rows the rows
   * @param order their order
   * @param <R> the record type
   * @return them in that order (stable: ties keep the table's canonical order)
   */
  public static <R> List<R> sorted(Stream<R> rows, Comparator<R> order) {
    return rows.sorted(order).toList();
  }
}
