#!/usr/bin/python3
"""Writes tiny-cnn.pt, a TorchScript classifier for 1x28x28 inputs with a fixed seed (with batch-norm and dropout), and
tiny-cnn-expected.txt, its logits on a fixed input (ones * 0.5), so that the Java tests check that
an external TorchScript model loads and computes what PyTorch computes. Run with Debian's
python3-torch (1.13): /usr/bin/python3 make_fixture.py. The tests themselves need no Python."""
import torch
import torch.nn as nn

torch.manual_seed(0)
# Batch-norm with non-trivial running statistics and dropout: the logits below are eval()-mode
# logits, which a train()-mode forward pass would not reproduce.
model = nn.Sequential(
    nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
    nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU(), nn.Dropout(0.5),
    nn.Flatten(), nn.Linear(16 * 7 * 7, 10))
model[1].running_mean = torch.randn(8) * 0.1
model[1].running_var = torch.rand(8) + 0.5
model.eval()
scripted = torch.jit.script(model)
scripted.save("tiny-cnn.pt")
with torch.no_grad():
    logits = model(torch.full((1, 1, 28, 28), 0.5))
with open("tiny-cnn-expected.txt", "w") as f:
    f.write(" ".join(f"{v:.7g}" for v in logits[0].tolist()) + "\n")
