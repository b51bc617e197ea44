#!/usr/bin/python3
"""PGD-7 adversarial training throughput in PyTorch: the reference side of bench/training.

The same loop as RobustPerf's (robustperf.train): uniform start in the Linf ball, 7 steps of
eps/4 with the input gradient only (torch.autograd.grad, weights not differentiated), then one
SGD step (momentum 0.9, weight decay 5e-4) on the cross-entropy of the adversarial batch. Same
architectures as robustperf.train.model.ConvNets. Prints one CSV line per model:
framework,model,batch,examples_per_second,seconds,examples
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def small_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 16, 4, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(16, 32, 4, stride=2, padding=1), nn.ReLU(),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 100), nn.ReLU(), nn.Linear(100, 10))


class PreActBlock(nn.Module):
    def __init__(self, inp, out, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(inp)
        self.conv1 = nn.Conv2d(inp, out, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out)
        self.conv2 = nn.Conv2d(out, out, 3, 1, 1, bias=False)
        self.shortcut = nn.Conv2d(inp, out, 1, stride, bias=False) if stride != 1 or inp != out else None

    def forward(self, x):
        a = F.relu(self.bn1(x))
        s = self.shortcut(a) if self.shortcut is not None else x
        return self.conv2(F.relu(self.bn2(self.conv1(a)))) + s


class PreActResNet18(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        layers, inp = [], 64
        for stage, width in enumerate([64, 128, 256, 512]):
            for unit in range(2):
                layers.append(PreActBlock(inp, width, 2 if stage > 0 and unit == 0 else 1))
                inp = width
        self.layers = nn.Sequential(*layers)
        self.linear = nn.Linear(512, classes)

    def forward(self, x):
        out = self.layers(self.conv1(x))
        return self.linear(torch.flatten(F.adaptive_avg_pool2d(out, 1), 1))


def bench(name, model, shape, eps, batch, warmup, batches):
    torch.manual_seed(0)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    x = torch.rand((batch,) + shape)
    y = torch.randint(0, 10, (batch,))
    alpha = eps / 4

    def step():
        model.train()
        delta = (torch.rand_like(x) * 2 - 1) * eps
        delta = (x + delta).clamp(0, 1) - x
        for _ in range(7):
            delta.requires_grad_(True)
            loss = F.cross_entropy(model(x + delta), y)
            grad, = torch.autograd.grad(loss, delta)
            delta = (delta.detach() + alpha * grad.sign()).clamp(-eps, eps)
            delta = (x + delta).clamp(0, 1) - x
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x + delta), y).backward()
        opt.step()

    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(batches):
        step()
    seconds = time.perf_counter() - start
    n = batch * batches
    print(f"pytorch-{torch.__version__},{name},{batch},{n / seconds:.3f},{seconds:.3f},{n}", flush=True)


if __name__ == "__main__":
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    torch.set_num_threads(threads)
    bench("small-cnn", small_cnn(), (1, 28, 28), 0.1, 128, 5, max(1, int(40 * scale)))
    bench("preact-resnet-18", PreActResNet18(), (3, 32, 32), 8 / 255, 32, 1, max(1, int(4 * scale)))
