package robustperf.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import robustperf.ingest.SharedSparkSession;
import robustperf.ingest.robustbench.RobustBenchEntry;
import robustperf.ingest.schema.Component;
import robustperf.records.RecordSamples;
import robustperf.records.parquet.RecordKind;

/**
 * Every registered table: a record goes to a Row, through Spark and back to an equal record, and
 * the table's schema is the one the pipeline wrote before the registry existed.
 */
class TableRoundTripTest {
  static Stream<Table<?>> tables() {
    return PipelineTables.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void recordSurvivesRowAndSpark(Table<?> table) {
    roundTrip(table, sample(table.type()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void schemaIsWhatThePipelineWrites(Table<?> table) {
    if (table == PipelineTables.NIGHTLY_LEDGER) {
      return; // written by the nightly fold only, never by the pipeline the fixture comes from
    }
    DataType written = pipelineSchemas().get(table.name());
    assertTrue(written != null, table.name() + " is not in the pipeline's output");
    assertEquals(((StructType) written).asNullable(), table.schema(), table.name());
  }

  @Test
  void registryHoldsEveryTableThePipelineWritesOnce() {
    assertEquals(pipelineSchemas().keySet(), PipelineTables.PIPELINE.stream().map(Table::name).collect(java.util.stream.Collectors.toSet()));
    assertEquals(PipelineTables.ALL.size(), PipelineTables.ALL.stream().map(Table::name).distinct().count());
  }

  @Test
  void columnsFollowTheRecordComponents() {
    assertEquals("clean_acc_pct", PipelineTables.ROBUSTBENCH_ENTRIES.column(RobustBenchEntry::cleanAccPct));
    assertEquals("analysis_exclusion_reason", PipelineTables.ROBUSTBENCH_ENTRIES.column(RobustBenchEntry::analysisExclusionReason));
  }

  @Test
  void aLambdaIsNotAColumn() {
    Component<RobustBenchEntry, String> notAnAccessor = e -> e.leaderboard() + "!";
    assertThrows(IllegalArgumentException.class, notAnAccessor::column);
  }

  @Test
  void writingOtherColumnsIsRefusedNamingTheTable() {
    SparkSession spark = SharedSparkSession.get();
    var other = PipelineTables.REJECTED_FILES.dataset(spark, List.of());
    var e = assertThrows(IllegalArgumentException.class,
        () -> PipelineTables.ROBUSTBENCH_PARSE_ISSUES.write(robustperf.ingest.curated.CuratedTables.under(java.nio.file.Path.of("/nonexistent")), other));
    assertTrue(e.getMessage().contains("robustbench_parse_issues"), e.getMessage());
  }

  private static <R extends Record> void roundTrip(Table<R> table, Record sample) {
    R record = table.type().cast(sample);
    assertEquals(record, table.fromRow(table.toRow(record)), "positional row");
    List<Row> collected = table.dataset(SharedSparkSession.get(), List.of(record)).collectAsList();
    assertEquals(record, table.fromRow(collected.get(0)), "row collected from Spark");
  }

  /** A real metric record where the schema validates one, else every component filled in. */
  private static Record sample(Class<? extends Record> type) {
    if (type == RecordKind.RUN_MANIFEST.type()) {
      return RecordSamples.manifest("run-1");
    } else if (type == RecordKind.EPOCH_METRICS.type()) {
      return RecordSamples.epoch("run-1", 2);
    } else if (type == RecordKind.EVALUATION.type()) {
      return RecordSamples.evaluation("run-1");
    } else if (type == RecordKind.INFERENCE_BENCHMARK.type()) {
      return RecordSamples.inference("run-1");
    } else if (type == RecordKind.LAYER_PROFILE.type()) {
      return RecordSamples.layerProfile("run-1", "step", "convolution");
    }
    return filled(type);
  }

  private static Record filled(Class<? extends Record> type) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = value(components[i].getGenericType(), i);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a sample " + type.getSimpleName(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object value(Type type, int i) {
    if (type instanceof ParameterizedType p) {
      Type element = p.getActualTypeArguments()[p.getRawType() == Map.class ? 1 : 0];
      return p.getRawType() == List.class ? List.of(value(element, i), value(element, i + 1)) : Map.of("k" + i, value(element, i));
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return "v" + i;
    } else if (c == Integer.class || c == int.class) {
      return i + 1;
    } else if (c == Long.class || c == long.class) {
      return 10L * i + 1;
    } else if (c == Double.class || c == double.class) {
      return i + 0.25;
    } else if (c == Boolean.class || c == boolean.class) {
      return i % 2 == 0;
    } else if (c == Instant.class) {
      return Instant.parse("2026-11-30T04:08:50.700Z");
    } else if (c.isEnum()) {
      return c.getEnumConstants()[i % c.getEnumConstants().length];
    } else if (c.isRecord()) {
      return filled((Class<? extends Record>) c);
    }
    throw new IllegalArgumentException("no sample value for " + type);
  }

  private static Map<String, DataType> pipelineSchemas() {
    Map<String, DataType> schemas = new HashMap<>();
    try (InputStream in = TableRoundTripTest.class.getResourceAsStream("/pipeline-schemas.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split("\t", 2);
          schemas.put(parts[0], DataType.fromJson(parts[1]));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return schemas;
  }
}
