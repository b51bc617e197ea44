#!/usr/bin/python3
"""Training throughput in PyTorch: the reference side of bench/training.

The same loops as RobustPerf's (robustperf.train): standard training (one SGD step on the
cross-entropy of the batch) and PGD-7 (uniform start in the Linf ball, 7 steps of eps/4 with the
input gradient only (torch.autograd.grad, weights not differentiated), then one SGD step on the
adversarial batch); SGD with momentum 0.9 and weight decay 5e-4. The same architectures as
robustperf.train.model (ConvNets.smallCnn, ConvNets.preActResNet18, WideResNet.of(16, 4),
VisionTransformer.tiny), the same batches as TrainingBench.CASES, and the float32 matrix-multiply
rate of this process. Prints one CSV line per measurement:
framework,model,method,batch,examples_per_second,seconds,examples,train_flops_per_example,achieved_gflops
(the FLOP columns are left to run.sh, which takes the architectures' counts from RobustPerf's lines).
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

FRAMEWORK = f"pytorch-{torch.__version__}"


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


class PreActNet(nn.Module):
    """PreActResNet-18 (stem 64, no final norm) or WideResNet (stem 16, final BN-ReLU)."""

    def __init__(self, stem, widths, units, final_norm, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, stem, 3, 1, 1, bias=False)
        layers, inp = [], stem
        for stage, width in enumerate(widths):
            for unit in range(units):
                layers.append(PreActBlock(inp, width, 2 if stage > 0 and unit == 0 else 1))
                inp = width
        self.layers = nn.Sequential(*layers)
        self.final = nn.Sequential(nn.BatchNorm2d(inp), nn.ReLU()) if final_norm else nn.Identity()
        self.linear = nn.Linear(inp, classes)

    def forward(self, x):
        out = self.final(self.layers(self.conv1(x)))
        return self.linear(torch.flatten(F.adaptive_avg_pool2d(out, 1), 1))


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)

    def forward(self, x):
        b, t, w = x.shape
        q, k, v = self.qkv(x).reshape(b, t, 3, self.heads, w // self.heads).permute(2, 0, 3, 1, 4)
        a = (q @ k.transpose(-2, -1) * (w // self.heads) ** -0.5).softmax(-1)
        return self.out((a @ v).transpose(1, 2).reshape(b, t, w))


class Unit(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(width, eps=1e-6)
        self.attention = Attention(width, heads)
        self.norm2 = nn.LayerNorm(width, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

    def forward(self, x):
        x = x + self.attention(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class VisionTransformer(nn.Module):
    """ViT-Tiny for 32x32 inputs: patch 4, 12 units of width 192 with 3 heads, class token."""

    def __init__(self, patch=4, depth=12, width=192, heads=3, image=32, classes=10):
        super().__init__()
        self.patches = nn.Conv2d(3, width, patch, patch)
        tokens = (image // patch) ** 2
        self.cls = nn.Parameter(torch.zeros(1, 1, width))
        self.positions = nn.Parameter(torch.randn(1, tokens + 1, width) * 0.02)
        self.units = nn.Sequential(*[Unit(width, heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(width, eps=1e-6)
        self.head = nn.Linear(width, classes)

    def forward(self, x):
        t = self.patches(x).flatten(2).transpose(1, 2)
        t = torch.cat([self.cls.expand(t.shape[0], -1, -1), t], 1) + self.positions
        return self.head(self.norm(self.units(t))[:, 0])


# The same list as TrainingBench.CASES: name, constructor, image shape, eps, batch, warm-up, batches.
CASES = [
    ("small-cnn", small_cnn, (1, 28, 28), 0.1, 128, 5, 40),
    ("preact-resnet-18", lambda: PreActNet(64, [64, 128, 256, 512], 2, False), (3, 32, 32), 8 / 255, 32, 1, 4),
    ("wrn-16-4", lambda: PreActNet(16, [64, 128, 256], 2, True), (3, 32, 32), 8 / 255, 32, 1, 4),
    ("vit-tiny", VisionTransformer, (3, 32, 32), 8 / 255, 32, 1, 4),
]


def matmul_peak(n=1024):
    """The best of five rounds of ten n x n float32 products, as GFLOP/s."""
    a, b = torch.rand(n, n) * 2 - 1, torch.rand(n, n) * 2 - 1
    a @ b
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(10):
            a @ b
        best = min(best, time.perf_counter() - start)
    print(f"{FRAMEWORK},matmul-{n},-,{n},,{best:.3f},10,{2.0 * n ** 3:.0f},{10 * 2.0 * n ** 3 / best / 1e9:.2f}", flush=True)


def bench(name, model, shape, eps, batch, warmup, batches, steps):
    torch.manual_seed(0)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    x = torch.rand((batch,) + shape)
    y = torch.randint(0, 10, (batch,))
    alpha = eps / 4

    def step():
        model.train()
        inputs = x
        if steps > 0:
            delta = (torch.rand_like(x) * 2 - 1) * eps
            delta = (x + delta).clamp(0, 1) - x
            for _ in range(steps):
                delta.requires_grad_(True)
                loss = F.cross_entropy(model(x + delta), y)
                grad, = torch.autograd.grad(loss, delta)
                delta = (delta.detach() + alpha * grad.sign()).clamp(-eps, eps)
                delta = (x + delta).clamp(0, 1) - x
            inputs = x + delta
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(inputs), y).backward()
        opt.step()

    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(batches):
        step()
    seconds = time.perf_counter() - start
    n = batch * batches
    method = f"pgd-{steps}" if steps > 0 else "standard"
    print(f"{FRAMEWORK},{name},{method},{batch},{n / seconds:.3f},{seconds:.3f},{n},,", flush=True)


if __name__ == "__main__":
    # Arguments: threads, scale, then what to measure: "matmul" or model names (all when none).
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    only = sys.argv[3:]
    torch.set_num_threads(threads)
    if not only or "matmul" in only:
        matmul_peak()
    for name, make, shape, eps, batch, warmup, batches in CASES:
        if only and name not in only:
            continue
        n = max(1, int(batches * scale))
        # Standard steps are ~1/6 of PGD-7's: six times the batches give both a comparable time.
        bench(name, make(), shape, eps, batch, warmup, 6 * n, 0)
        bench(name, make(), shape, eps, batch, warmup, n, 7)
