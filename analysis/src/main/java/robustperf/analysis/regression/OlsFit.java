package robustperf.analysis.regression;

import java.io.Serializable;
import java.util.List;

/**
 * An ordinary-least-squares fit with an intercept.
 *
 * @param coefficients intercept first, then the predictors in order
 * @param n observations
 * @param dfResidual n - k, k counting the intercept
 * @param r2 coefficient of determination
 * @param adjustedR2 R² adjusted for k
 * @param residualStdError sqrt(SSR / (n - k))
 */
public record OlsFit(
    List<Coefficient> coefficients,
    long n,
    long dfResidual,
    double r2,
    double adjustedR2,
    double residualStdError)
    implements Serializable {

  public OlsFit {
    coefficients = List.copyOf(coefficients);
  }

  /**
   * @param term a term name
   * @return its coefficient
   * @throws IllegalArgumentException when the fit has no such term
   */
  public Coefficient coefficient(String term) {
    return coefficients.stream()
        .filter(c -> c.term().equals(term))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no term '" + term + "' in the fit"));
  }
}
