"""Trains the model both AutoAttack implementations are run on: Wong et al.'s small CNN (the
architecture of RobustPerf's embedded runs) on Fashion-MNIST with FGSM-RS (eps 0.1, step 1.25 eps,
uniform start), 3 epochs of one-cycle SGD, seed 0, in Debian's python3-torch; saved as TorchScript.
Usage: python3 train_model.py OUT.pt [threads]"""
import gzip
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def small_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 16, 4, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(16, 32, 4, stride=2, padding=1), nn.ReLU(),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 100), nn.ReLU(), nn.Linear(100, 10))


def main():
    out = sys.argv[1]
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    torch.manual_seed(0)
    x = torch.tensor(idx(f"{DATA}/train-images-idx3-ubyte.gz"), dtype=torch.float32).unsqueeze(1) / 255
    y = torch.tensor(idx(f"{DATA}/train-labels-idx1-ubyte.gz"), dtype=torch.long)
    model = small_cnn()
    eps, step, epochs, batch = 0.1, 0.125, 3, 128
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    total = epochs * ((len(x) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.05, total_steps=total)
    for epoch in range(epochs):
        order = torch.randperm(len(x))
        for i in range(0, len(x), batch):
            xb, yb = x[order[i:i + batch]], y[order[i:i + batch]]
            delta = (torch.rand_like(xb) * 2 - 1) * eps
            delta.requires_grad_(True)
            loss = F.cross_entropy(model((xb + delta).clamp(0, 1)), yb)
            grad, = torch.autograd.grad(loss, delta)
            delta = (delta + step * grad.sign()).clamp(-eps, eps).detach()
            loss = F.cross_entropy(model((xb + delta).clamp(0, 1)), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch + 1}: last batch loss {loss.item():.4f}", file=sys.stderr)
    model.eval()
    torch.jit.script(model).save(out)


if __name__ == "__main__":
    main()
