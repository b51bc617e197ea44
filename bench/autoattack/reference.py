"""Runs the reference AutoAttack (fra31/auto-attack, from the path given; nothing is fetched) on a
TorchScript model and the first N Fashion-MNIST test images, standard version, Linf eps 0.1, on
the CPU, and prints one CSV line per stage: implementation,stage,robust_accuracy_pct,seconds.
Usage: python3 reference.py AUTOATTACK_DIR MODEL.pt N THREADS"""
import contextlib
import re
import sys
import time

import torch

sys.path.insert(0, sys.argv[1])
from autoattack import AutoAttack  # noqa: E402  (the reference, from its own checkout)
from train_model import DATA, idx  # noqa: E402


class Log:
    """The reference's logger: keeps every line to read the per-stage accuracies from."""
    def __init__(self):
        self.lines = []

    def log(self, line):
        self.lines.append(line)
        print(line, file=sys.stderr, flush=True)


def main():
    path, model_file, n, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    model = torch.jit.load(model_file).eval()
    x = torch.tensor(idx(f"{DATA}/t10k-images-idx3-ubyte.gz")[:n], dtype=torch.float32).unsqueeze(1) / 255
    y = torch.tensor(idx(f"{DATA}/t10k-labels-idx1-ubyte.gz")[:n], dtype=torch.long)
    attack = AutoAttack(model, norm="Linf", eps=0.1, version="standard", seed=0, device="cpu")
    log = Log()
    attack.logger = log
    for a in (attack.apgd, attack.apgd_targeted, attack.fab, attack.square):
        if hasattr(a, "logger"):
            a.logger = log
    start = time.perf_counter()
    # The reference prints its own progress to stdout; keep stdout for the CSV lines.
    with contextlib.redirect_stdout(sys.stderr):
        attack.run_standard_evaluation(x, y, bs=250)
    total = time.perf_counter() - start
    clean = next(float(m.group(1)) for line in log.lines for m in [re.search(r"initial accuracy: ([\d.]+)%", line)] if m)
    print(f"reference,clean,{clean:.2f},")
    for line in log.lines:
        m = re.search(r"robust accuracy after ([\w-]+): ([\d.]+)% \(total time ([\d.]+) s\)", line)
        if m:
            print(f"reference,{m.group(1).lower()},{float(m.group(2)):.2f},{float(m.group(3)):.1f}")
    print(f"reference,total,,{total:.1f}")


if __name__ == "__main__":
    main()
