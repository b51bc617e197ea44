package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.udf;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.EnergyReading;
import robustperf.records.EnergyTotal;

/** {@link EnergyTotal}'s one rule as a Spark column over an epoch's energy array. */
public final class EnergyTotalColumn {
  private static final UserDefinedFunction TOTAL =
      udf(
          (UDF1<scala.collection.Seq<Row>, Row>) readings -> {
            List<EnergyReading> list = scala.jdk.javaapi.CollectionConverters.asJava(readings).stream()
                .map(r -> RecordRows.fromRow(EnergyReading.class, r))
                .toList();
            return RecordRows.toRow(EnergyTotal.of(list));
          },
          RecordRows.schema(EnergyTotal.class));

  private EnergyTotalColumn() {}

  /**
   * @param energy an array of energy-reading structs (epoch_metrics.energy)
   * @return struct(kwh, provenance, missing_reason): an {@link EnergyTotal}
   */
  public static Column of(Column energy) {
    return TOTAL.apply(energy);
  }
}
