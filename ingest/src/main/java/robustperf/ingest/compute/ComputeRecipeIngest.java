package robustperf.ingest.compute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import robustperf.ingest.curated.RejectedFile;
import robustperf.ingest.schema.RecordRows;
import robustperf.records.compute.ArchitectureCost;
import robustperf.records.compute.ArchitectureCosts;
import robustperf.records.compute.RecipeProblem;
import robustperf.records.compute.RecipeTable;
import robustperf.records.compute.TrainingRecipe;

/**
 * Reads data/compute/recipes.csv and architectures.csv into tables. A recipe row that breaks the
 * schema goes to the rejected files with its line and reason; every other row is kept. A data
 * directory without them gives empty tables.
 */
public final class ComputeRecipeIngest {
  /** Source tag in the rejected-files table. */
  public static final String SOURCE = "compute-recipes";

  /**
   * @param recipes one row per recipe ({@link RecipeRow})
   * @param figures one row per sourced figure ({@link FigureRow})
   * @param architectures one row per counted architecture ({@link ArchitectureCost})
   * @param rejected recipe rows not taken ({@link RejectedFile}, the file named with its line)
   */
  public record Output(Dataset<Row> recipes, Dataset<Row> figures, Dataset<Row> architectures, Dataset<Row> rejected) {}

  private ComputeRecipeIngest() {}

  /**
   * @param spark the session
   * @param computeDir the data directory's compute/ folder
   * @return the tables
   */
  public static Output read(SparkSession spark, Path computeDir) {
    Path recipesFile = computeDir.resolve("recipes.csv");
    Path architecturesFile = computeDir.resolve("architectures.csv");
    List<Row> recipes = new ArrayList<>();
    List<Row> figures = new ArrayList<>();
    List<Row> rejected = new ArrayList<>();
    if (Files.isRegularFile(recipesFile)) {
      RecipeTable table = RecipeTable.read(recipesFile);
      for (TrainingRecipe r : table.recipes()) {
        recipes.add(RecordRows.toRow(RecipeRow.of(r)));
        r.figures().forEach((figure, value) -> figures.add(RecordRows.toRow(new FigureRow(r.leaderboard(), r.modelId(), figure.column(),
            value.value(), value.source(), value.locator(), value.confidence().name()))));
      }
      for (RecipeProblem p : table.problems()) {
        rejected.add(RecordRows.toRow(new RejectedFile(SOURCE, p.file() + ":" + p.line(), p.toString())));
      }
    }
    List<Row> architectures = new ArrayList<>();
    if (Files.isRegularFile(architecturesFile)) {
      ArchitectureCosts.read(architecturesFile).rows().values().forEach(a -> architectures.add(RecordRows.toRow(a)));
    }
    return new Output(
        spark.createDataFrame(recipes, RecordRows.schema(RecipeRow.class)),
        spark.createDataFrame(figures, RecordRows.schema(FigureRow.class)),
        spark.createDataFrame(architectures, RecordRows.schema(ArchitectureCost.class)),
        spark.createDataFrame(rejected, RecordRows.schema(RejectedFile.class)));
  }
}
