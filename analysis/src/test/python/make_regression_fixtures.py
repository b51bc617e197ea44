#!/usr/bin/python3
"""Writes the regression fixtures the Java tests compare against (reference: statsmodels).

Run with Debian's python3-statsmodels (apt-get install python3-statsmodels):
    /usr/bin/python3 analysis/src/test/python/make_regression_fixtures.py
It writes analysis/src/test/resources/fixtures/regression/<name>.csv (the data) and
<name>.expected.csv (one row per fit and term). The tests read only these files: no Python at
test time. Seeds are fixed, so a re-run reproduces the files.
"""
import csv
import os
import sys

import numpy as np
import statsmodels
import statsmodels.api as sm
from scipy.optimize import linprog

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "regression")


def datasets():
    rng = np.random.default_rng(20261124)
    # Thompson-style: log10(1/error) against log10(compute) with a time trend; year far from 0
    # and heteroskedastic noise, so centring and HC1 matter.
    n = 240
    log_compute = rng.uniform(15, 22, n)
    year = rng.uniform(2017, 2025, n)
    noise = rng.standard_normal(n) * (0.02 + 0.01 * (log_compute - 15))
    y = 0.1 + 0.03 * log_compute + 0.02 * (year - 2020) + noise
    yield "compute_trend", {"log10_inv_error": y, "log10_compute": log_compute, "year": year}
    # Heavy tails (Student t, 3 dof) and one predictor.
    n = 150
    x = rng.uniform(0, 10, n)
    y = 2.0 - 0.5 * x + rng.standard_t(3, n)
    yield "heavy_tails", {"y": y, "x": x}


FITS = {
    "compute_trend": [("log10_inv_error", ["log10_compute"]), ("log10_inv_error", ["log10_compute", "year"])],
    "heavy_tails": [("y", ["x"])],
}
TAUS = [0.1, 0.5, 0.9]


def exact_quantile(y, X, tau):
    """The LP min tau 1'u + (1-tau) 1'v s.t. X b + u - v = y, u, v >= 0, solved by HiGHS."""
    n, k = X.shape
    c = np.concatenate([np.zeros(k), tau * np.ones(n), (1 - tau) * np.ones(n)])
    A = np.hstack([X, np.eye(n), -np.eye(n)])
    bounds = [(None, None)] * k + [(0, None)] * (2 * n)
    res = linprog(c, A_eq=A, b_eq=y, bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return res.x[:k]


def check_loss(y, X, beta, tau):
    r = y - X @ beta
    return float(np.sum(r * (tau - (r < 0))))


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, columns in datasets():
        keys = list(columns)
        with open(os.path.join(OUT, name + ".csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(keys)
            for row in zip(*(columns[k] for k in keys)):
                w.writerow([repr(float(v)) for v in row])
        with open(os.path.join(OUT, name + ".expected.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["fit", "response", "predictors", "term", "estimate", "se", "t", "p", "ci_low",
                        "ci_high", "se_hc1", "p_hc1", "r2", "adj_r2", "n", "estimate_exact_lp", "loss_statsmodels", "loss_exact_lp"])
            for response, predictors in FITS[name]:
                y = columns[response]
                X = sm.add_constant(np.column_stack([columns[p] for p in predictors]))
                terms = ["intercept"] + predictors
                ols = sm.OLS(y, X).fit()
                hc1 = sm.OLS(y, X).fit(cov_type="HC1")
                ci = ols.conf_int(0.05)
                for i, term in enumerate(terms):
                    w.writerow(["ols", response, "+".join(predictors), term, repr(ols.params[i]), repr(ols.bse[i]),
                                repr(ols.tvalues[i]), repr(ols.pvalues[i]), repr(ci[i][0]), repr(ci[i][1]),
                                repr(hc1.bse[i]), repr(hc1.pvalues[i]), repr(ols.rsquared),
                                repr(ols.rsquared_adj), len(y), "", "", ""])
                for tau in TAUS:
                    # statsmodels' own defaults (IRLS, max_iter 1000, p_tol 1e-6).
                    q = sm.QuantReg(y, X).fit(q=tau)
                    lp = exact_quantile(y, X, tau)
                    loss_sm, loss_lp = check_loss(y, X, q.params, tau), check_loss(y, X, lp, tau)
                    for i, term in enumerate(terms):
                        w.writerow(["quantile:%g" % tau, response, "+".join(predictors), term, repr(q.params[i]),
                                    "", "", "", "", "", "", "", "", "", len(y), repr(lp[i]), repr(loss_sm), repr(loss_lp)])
    print("statsmodels", statsmodels.__version__, "numpy", np.__version__, "->", os.path.normpath(OUT),
          file=sys.stderr)


if __name__ == "__main__":
    main()
