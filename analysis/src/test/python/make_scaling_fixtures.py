#!/usr/bin/python3
"""Writes the scaling-law fixtures the Java tests compare against (reference: scipy's L-BFGS-B).

Run with Debian's python3-scipy:
    /usr/bin/python3 analysis/src/test/python/make_scaling_fixtures.py
It writes analysis/src/test/resources/fixtures/scaling/<name>.csv (the points) and
<name>.expected.csv (the best fit over the same multi-start grid the Java law uses: objective and
parameters). The objective is RobustPerf's: the mean Huber loss (delta 1e-3) of ln(prediction) -
ln(y), over delta. The tests read only these files. Seeds are fixed.
"""
import csv
import itertools
import os

import numpy as np
import scipy
from scipy.optimize import minimize

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "scaling")
DELTA = 1e-3
LN10 = np.log(10)


def huber(r):
    a = np.abs(r)
    return np.where(a <= DELTA, 0.5 * r * r, DELTA * (a - 0.5 * DELTA)), np.where(a <= DELTA, r, DELTA * np.sign(r))


def objective(log_pred_and_grad, y):
    def f(p):
        lp, g = log_pred_and_grad(p)
        if not np.all(np.isfinite(lp)):
            return np.inf, np.zeros_like(p)
        loss, slope = huber(lp - np.log(y))
        n = len(y)
        return loss.sum() / (n * DELTA), (slope[:, None] * g).sum(axis=0) / (n * DELTA)
    return f


def two_variable(x):
    ln_n, ln_d = x[:, 0] * LN10, x[:, 1] * LN10

    def f(p):
        e, a, b, alpha, beta = p
        tn, td = a * np.exp(-alpha * ln_n), b * np.exp(-beta * ln_d)
        v = e + tn + td
        g = np.stack([1 / v, np.exp(-alpha * ln_n) / v, np.exp(-beta * ln_d) / v, -tn * ln_n / v, -td * ln_d / v], axis=1)
        return np.log(v), g
    return f


def saturating(x, reference):
    u = x[:, 0] - reference

    def f(p):
        e, a, alpha = p
        t = 10 ** (a - alpha * u)
        v = e + t
        return np.log(v), np.stack([1 / v, LN10 * t / v, -LN10 * u * t / v], axis=1)
    return f


def best_fit(f, starts, bounds):
    best = None
    for s in starts:
        value = f(np.array(s))[0]
        if not np.isfinite(value):
            continue
        r = minimize(f, np.array(s, dtype=float), jac=True, method="L-BFGS-B", bounds=bounds,
                     options={"maxiter": 15000, "ftol": 1e-15, "gtol": 1e-12, "maxcor": 10})
        if best is None or r.fun < best.fun:
            best = r
    return best


def write(name, header, rows, params, fit):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows([[repr(float(v)) for v in row] for row in rows])
    with open(os.path.join(OUT, name + ".expected.csv"), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["quantity", "value", "reference"])
        w.writerow(["objective", repr(float(fit.fun)), "scipy " + scipy.__version__ + " L-BFGS-B"])
        for p, v in zip(params, fit.x):
            w.writerow([p, repr(float(v)), "scipy " + scipy.__version__ + " L-BFGS-B"])


def main():
    rng = np.random.default_rng(20261130)
    # Bartoldson et al. 2024's law, N and D over 1e5-1e10, 0.5% noise.
    n = 600
    x = np.column_stack([rng.uniform(5, 10, n), rng.uniform(5, 10, n)])
    e, a, b, alpha, beta = 0.5604, 6.687, 7.552, 0.2443, 0.2281
    y = (e + a * 10 ** (-alpha * x[:, 0]) + b * 10 ** (-beta * x[:, 1])) * np.exp(0.005 * rng.standard_normal(n))
    # TwoVariableLaw's grid.
    starts = list(itertools.product([0.25, 0.5, 1], [1, 10, 100], [1, 10, 100], [0.1, 0.3, 0.5], [0.1, 0.3, 0.5]))
    inf = None
    fit = best_fit(objective(two_variable(x), y), starts, [(0, inf), (0, inf), (0, inf), (0, 3), (0, 3)])
    write("two_variable", ["log10_n", "log10_d", "y"], np.column_stack([x, y]), ["E", "A", "B", "alpha", "beta"], fit)

    # A saturating power law of compute, 80 points, 2% noise, written around log10 C = 15.
    m = 80
    c = rng.uniform(13, 17, m)
    err = (0.3 + 10 ** (-1 - 0.3 * (c - 15))) * np.exp(0.02 * rng.standard_normal(m))
    reference = float(np.median(c))
    s = np.sort(err)
    median = s[m // 2]
    # SaturatingPowerLaw's grid (its median is the upper middle element).
    sat_starts = [[e0, np.log10(median - e0), al] for e0 in [0, 0.5 * s[0], 0.9 * s[0]] for al in [0.05, 0.2, 0.5, 1.0]]
    fit = best_fit(objective(saturating(c[:, None], reference), err), sat_starts, [(0, inf), (-20, 20), (0, 10)])
    write("saturating", ["log10_c", "y"], np.column_stack([c, err]), ["E", "a", "alpha"], fit)


if __name__ == "__main__":
    main()
