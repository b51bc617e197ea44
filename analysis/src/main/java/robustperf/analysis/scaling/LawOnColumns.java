package robustperf.analysis.scaling;

import java.util.List;

/**
 * A law reading chosen feature columns of richer data: the two-variable law on (log10 N, log10 D)
 * scored beside the one-variable laws on log10 compute, all on one {@link LawData} whose rows are
 * (log10 C, log10 N, log10 D).
 *
 * @param law the law
 * @param columns the data's columns that become the law's features, in its order
 */
public record LawOnColumns(ScalingLaw law, int[] columns) implements ScalingLaw {
  @Override
  public String name() {
    return law.name();
  }

  @Override
  public String formula() {
    return law.formula();
  }

  @Override
  public List<String> parameters() {
    return law.parameters();
  }

  @Override
  public double[] lower() {
    return law.lower();
  }

  @Override
  public double[] upper() {
    return law.upper();
  }

  @Override
  public List<double[]> starts(LawData data) {
    return law.starts(select(data));
  }

  @Override
  public double logPrediction(double[] x, double[] p, double[] gradient) {
    return law.logPrediction(select(x), p, gradient);
  }

  @Override
  public double asymptote(double[] p) {
    return law.asymptote(p);
  }

  private double[] select(double[] x) {
    double[] picked = new double[columns.length];
    for (int j = 0; j < columns.length; j++) {
      picked[j] = x[columns[j]];
    }
    return picked;
  }

  private LawData select(LawData data) {
    double[][] x = new double[data.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = select(data.x()[i]);
    }
    return new LawData(x, data.y());
  }
}
