package robustperf.ingest.schema;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import robustperf.records.parquet.RecordFiles;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Maps Java records to Spark rows and back by their components, in declaration order: the one
 * place where record types cross into Spark. Supported component types: String, boxed and
 * primitive int, long, double, boolean, Instant (timestamp), enums (string), nested records
 * (struct), List of records or of a supported type (array) and Map of String to a supported type.
 */
public final class RecordRows {
  private RecordRows() {}

  /**
   * The Spark schema of a record type.
   *
   * @param type a record class
   * @return its struct type, fields in snake_case, nullable
   * @throws IllegalArgumentException naming the component whose type is not supported
   */
  public static StructType schema(Class<? extends Record> type) {
    List<StructField> fields = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      fields.add(DataTypes.createStructField(RecordFiles.snakeCase(c.getName()), dataType(c.getGenericType(), c), true));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * Converts a record to a row of {@link #schema(Class)}.
   *
   * @param record the record
   * @return the row
   */
  public static Row toRow(Record record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      try {
        values[i] = toSpark(components[i].getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + components[i].getName(), e);
      }
    }
    return RowFactory.create(values);
  }

  /**
   * Converts a row of {@link #schema(Class)} back to its record: fields are found by name where
   * the row carries a schema (a row read from a table), else by position.
   *
   * @param type the record class
   * @param row the row
   * @param <R> the record type
   * @return the record
   * @throws IllegalArgumentException naming the field that is missing, null where the component is
   *     primitive, or of another type
   */
  public static <R extends Record> R fromRow(Class<R> type, Row row) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String field = RecordFiles.snakeCase(c.getName());
      int at = row.schema() == null ? i : indexOf(row, field, type);
      types[i] = c.getType();
      Object value = row.get(at);
      if (value == null && c.getType().isPrimitive()) {
        throw new IllegalArgumentException("field " + field + " of " + type.getSimpleName() + " is null in " + row);
      }
      try {
        values[i] = fromSpark(value, c.getGenericType());
      } catch (ClassCastException | IllegalArgumentException e) {
        throw new IllegalArgumentException("field " + field + " of " + type.getSimpleName() + " cannot be read from "
            + value + " (" + value.getClass().getName() + "): " + e.getMessage(), e);
      }
    }
    try {
      java.lang.reflect.Constructor<R> constructor = type.getDeclaredConstructor(types);
      // A job's own working record is often private to it.
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalArgumentException("row " + row + " is not a valid " + type.getSimpleName() + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private static int indexOf(Row row, String field, Class<?> type) {
    for (int i = 0; i < row.schema().fields().length; i++) {
      if (row.schema().fields()[i].name().equals(field)) {
        return i;
      }
    }
    throw new IllegalArgumentException("row has no field " + field + " for " + type.getSimpleName() + ": " + row.schema().simpleString());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object fromSpark(Object value, Type type) {
    if (value == null) {
      return null;
    }
    if (type instanceof ParameterizedType p) {
      Type element = p.getActualTypeArguments()[p.getRawType() == Map.class ? 1 : 0];
      if (p.getRawType() == List.class) {
        List<?> list = value instanceof scala.collection.Seq<?> seq ? CollectionConverters.asJava(seq) : (List<?>) value;
        return list.stream().map(v -> fromSpark(v, element)).toList();
      }
      Map<?, ?> map = value instanceof scala.collection.Map<?, ?> m ? CollectionConverters.asJava(m) : (Map<?, ?>) value;
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, fromSpark(v, element)));
      return out;
    }
    Class<?> c = (Class<?>) type;
    if (c == Instant.class) {
      return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }
    if (c.isEnum()) {
      return Enum.valueOf((Class<? extends Enum>) c, (String) value);
    }
    if (c.isRecord()) {
      return fromRow((Class<? extends Record>) c, (Row) value);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Object toSpark(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return Timestamp.from(instant);
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Record nested) {
      return toRow(nested);
    }
    if (value instanceof List<?> list) {
      return CollectionConverters.asScala(list.stream().map(RecordRows::toSpark).toList()).toSeq();
    }
    if (value instanceof Map<?, ?> map) {
      return scala.collection.immutable.Map.from(CollectionConverters.asScala((Map<Object, Object>) map));
    }
    return value;
  }

  private static DataType dataType(Type type, RecordComponent where) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class && args[0] instanceof Class<?> element) {
        return DataTypes.createArrayType(dataType(element, where), true);
      }
      if (raw == Map.class && args[0] == String.class) {
        return DataTypes.createMapType(DataTypes.StringType, dataType(args[1], where), true);
      }
    } else if (type instanceof Class<?> c) {
      if (c == String.class || c.isEnum()) {
        return DataTypes.StringType;
      }
      if (c == Integer.class || c == int.class) {
        return DataTypes.IntegerType;
      }
      if (c == Long.class || c == long.class) {
        return DataTypes.LongType;
      }
      if (c == Double.class || c == double.class) {
        return DataTypes.DoubleType;
      }
      if (c == Boolean.class || c == boolean.class) {
        return DataTypes.BooleanType;
      }
      if (c == Instant.class) {
        return DataTypes.TimestampType;
      }
      if (c.isRecord()) {
        @SuppressWarnings("unchecked")
        Class<? extends Record> nested = (Class<? extends Record>) c;
        return schema(nested);
      }
    }
    throw new IllegalArgumentException(
        "record component " + where + " has type " + type + ", which has no Spark mapping");
  }
}
