#!/usr/bin/python3
"""The reference side of the statistics benchmark: pandas + statsmodels (+ numpy for the front).

Usage: reference.py DATA_DIR   (files written by generate.py)
Prints one CSV line per operation: impl,n,operation,seconds,peak_rss_mib,value (value: the OLS
slope of log10_compute, the quantile fit's check loss, the front's size)
"""
import os
import resource
import sys
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm

data = sys.argv[1]
cols = ["log10_inv_error", "log10_compute", "year", "clean_acc", "robust_acc", "flops"]
df = pd.DataFrame({c: np.fromfile(os.path.join(data, c + ".f64"), dtype="<f8") for c in cols})
n = len(df)


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def report(op, seconds, value):
    print("pandas+statsmodels,%d,%s,%.3f,%.0f,%.9g" % (n, op, seconds, rss_mib(), value), flush=True)


X = sm.add_constant(df[["log10_compute", "year"]])
# Each regression runs twice, as on the Java side (where the first call includes JIT compilation).
for call in (1, 2):
    t = time.perf_counter()
    ols = sm.OLS(df["log10_inv_error"], X).fit()
    hc1 = ols.get_robustcov_results(cov_type="HC1")
    _ = (ols.params, ols.bse, ols.pvalues, ols.conf_int(), ols.rsquared, hc1.bse)
    report("ols+hc1 (call %d)" % call, time.perf_counter() - t, ols.params["log10_compute"])

    t = time.perf_counter()
    q = sm.QuantReg(df["log10_inv_error"], X).fit(q=0.1)
    seconds = time.perf_counter() - t
    r = q.resid.to_numpy()
    report("quantile tau=0.1 (call %d)" % call, seconds, float(np.sum(r * (0.1 - (r < 0)))))


def pareto_mask(points):
    """Non-dominated rows, all objectives maximized (the common numpy sort-and-filter routine)."""
    order = np.lexsort(points.T[::-1])[::-1]
    pts = points[order]
    keep = np.ones(len(pts), dtype=bool)
    front = []
    for i in range(len(pts)):
        p = pts[i]
        if front:
            f = np.asarray(front)
            if np.any(np.all(f >= p, axis=1) & np.any(f > p, axis=1)):
                keep[i] = False
                continue
        front.append(p)
    mask = np.zeros(len(pts), dtype=bool)
    mask[order[keep]] = True
    return mask


t = time.perf_counter()
pts = np.column_stack([df["clean_acc"].to_numpy(), df["robust_acc"].to_numpy(), -df["flops"].to_numpy()])
front = pareto_mask(pts)
report("pareto 3-objective (front %d)" % front.sum(), time.perf_counter() - t, front.sum())
