#!/usr/bin/python3
"""Writes two TorchScript classifiers for 1x28x28 inputs that AutoAttack's pre-attack checks must flag,
so that the Java tests need no Python. Run with Debian's python3-torch (1.13):
/usr/bin/python3 make_check_fixtures.py
- tiny-cnn-int8.pt: tiny-cnn.pt's architecture with its linear layer quantized to INT8 (PyTorch's
  dynamic quantization, the usual way to quantize for CPU inference). The quantized operator has no
  autograd kernel, so no gradient reaches the input: gradient-based attacks cannot move any point.
- tiny-cnn-noisy.pt: a model that adds Gaussian noise to its input on every forward pass, a
  randomized defence: two identical forward passes differ."""
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.ReLU(),
    nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU(),
    nn.Flatten(), nn.Linear(16 * 7 * 7, 10)).eval()
quantized = torch.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
torch.jit.script(quantized).save("tiny-cnn-int8.pt")


class Noisy(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x + 0.1 * torch.randn_like(x))


torch.jit.script(Noisy(model)).save("tiny-cnn-noisy.pt")
