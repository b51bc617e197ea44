package robustperf.ingest.curated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import robustperf.ingest.SharedSparkSession;

/** A table's files depend on its rows only: not on their order, nor on the partitions they were computed in. */
class CanonicalOrderTest {
  private static final StructType SCHEMA = new StructType()
      .add("group", DataTypes.StringType).add("value", DataTypes.DoubleType)
      .add("tags", DataTypes.createArrayType(DataTypes.StringType))
      .add("notes", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));

  @Test
  void shuffledAndRepartitionedRowsWriteTheSameBytes(@TempDir Path dir) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(RowFactory.create(i % 3 == 0 ? null : "g" + (i % 7), i % 5 == 0 ? null : i * 0.5,
          scala.jdk.javaapi.CollectionConverters.asScala(List.of("t" + (i % 4))).toSeq(),
          scala.jdk.javaapi.CollectionConverters.asScala(Map.of("k", "v" + (i % 2)))));
    }
    CuratedTables a = CuratedTables.under(dir.resolve("a"));
    CuratedTables b = CuratedTables.under(dir.resolve("b"));
    a.write("sample", SharedSparkSession.get().createDataFrame(rows, SCHEMA));
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(1));
    Dataset<Row> repartitioned = SharedSparkSession.get().createDataFrame(shuffled, SCHEMA).repartition(7);
    b.write("sample", repartitioned);
    assertEquals(List.of(), a.differencesFrom(b));
    assertEquals(-1, Files.mismatch(a.root().resolve("sample.csv"), b.root().resolve("sample.csv")));

    b.write("sample", SharedSparkSession.get().createDataFrame(shuffled.subList(1, shuffled.size()), SCHEMA));
    b.write("extra", SharedSparkSession.get().createDataFrame(rows, SCHEMA));
    List<String> differences = a.differencesFrom(b);
    assertEquals(2, differences.size(), differences.toString());
    assertTrue(differences.get(0).startsWith("extra.csv: only in"), differences.toString());
    assertTrue(differences.get(1).startsWith("sample.csv: differs"), differences.toString());
  }
}
