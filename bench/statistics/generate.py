#!/usr/bin/python3
"""Synthetic leaderboard-like rows for the statistics benchmark, as raw little-endian float64.

Columns: log10_inv_error, log10_compute, year, clean_acc, robust_acc, flops (one file per
column, N values each), so both implementations read identical data.
Usage: generate.py N OUT_DIR
"""
import os
import sys

import numpy as np

n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261124)
log_compute = rng.uniform(15, 24, n)
year = rng.uniform(2017, 2026, n)
noise = rng.standard_normal(n) * (0.02 + 0.01 * (log_compute - 15))
y = 0.1 + 0.03 * log_compute + 0.02 * (year - 2020) + noise
clean = np.clip(60 + 3 * (log_compute - 15) + rng.standard_normal(n) * 4, 0, 100)
robust = np.clip(clean * 0.55 + rng.standard_normal(n) * 5, 0, 100)
flops = 10 ** log_compute
for name, col in [("log10_inv_error", y), ("log10_compute", log_compute), ("year", year),
                  ("clean_acc", clean), ("robust_acc", robust), ("flops", flops)]:
    col.astype("<f8").tofile(os.path.join(out, name + ".f64"))
