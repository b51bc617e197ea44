package robustperf.ingest.schema;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import robustperf.records.parquet.RecordFiles;

/**
 * A record component named by its accessor, {@code RobustBenchEntry::cleanAccPct}: the column it
 * becomes ({@code clean_acc_pct}) follows the record, so a renamed or removed component fails the
 * build instead of a report at run time.
 *
 * @param <R> the record type
 * @param <T> the component's type
 */
@FunctionalInterface
public interface Component<R, T> extends Function<R, T>, Serializable {
  /** @return the column this component is stored in: its name in snake_case */
  default String column() {
    return Names.COLUMNS.computeIfAbsent(getClass(), c -> RecordFiles.snakeCase(accessorName(this)));
  }

  /**
   * @param component {@code Record::component}
   * @param <R> the record type
   * @param <T> the component's type
   * @return its column, where no table names the record: {@code Component.columnOf(LedgerEntry::status)}
   */
  static <R, T> String columnOf(Component<R, T> component) {
    return component.column();
  }

  private static String accessorName(Component<?, ?> component) {
    try {
      // A serializable lambda or method reference describes itself: the accessor's name and class.
      Method replace = component.getClass().getDeclaredMethod("writeReplace");
      replace.setAccessible(true);
      SerializedLambda lambda = (SerializedLambda) replace.invoke(component);
      String name = lambda.getImplMethodName();
      Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false, component.getClass().getClassLoader());
      if (!owner.isRecord() || java.util.Arrays.stream(owner.getRecordComponents()).noneMatch(c -> c.getName().equals(name))) {
        throw new IllegalArgumentException(
            owner.getName() + "::" + name + " is not a record component accessor: name a component as Record::component");
      }
      return name;
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("a column is named by a method reference Record::component, not " + component, e);
    }
  }

  /** The columns already resolved, one per call site. */
  final class Names {
    private static final Map<Class<?>, String> COLUMNS = new ConcurrentHashMap<>();

    private Names() {}
  }
}
