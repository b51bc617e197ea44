package robustperf.analysis.cost;

import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import robustperf.records.EnergyReading;
import robustperf.records.EnergyTotal;
import robustperf.records.Provenance;

/** {@link EnergyTotal}'s one rule as a Spark column over an epoch's energy array. */
public final class EnergyTotalColumn {
  private static final UserDefinedFunction TOTAL =
      udf(
          (UDF1<scala.collection.Seq<Row>, Row>) readings -> {
            List<EnergyReading> list = new ArrayList<>();
            for (Row r : scala.jdk.javaapi.CollectionConverters.asJava(readings)) {
              list.add(new EnergyReading(
                  r.getAs("component"), r.getAs("kwh"), Provenance.valueOf(r.getAs("provenance")), r.getAs("method"),
                  r.getAs("missing_reason")));
            }
            EnergyTotal t = EnergyTotal.of(list);
            return RowFactory.create(t.kwh(), t.provenance() == null ? null : t.provenance().name(), t.missingReason());
          },
          new StructType()
              .add("kwh", DataTypes.DoubleType, true)
              .add("provenance", DataTypes.StringType, true)
              .add("missing_reason", DataTypes.StringType, true));

  private EnergyTotalColumn() {}

  /**
   * @param energy an array of energy-reading structs (epoch_metrics.energy)
   * @return struct(kwh, provenance, missing_reason)
   */
  public static Column of(Column energy) {
    return TOTAL.apply(energy);
  }
}
