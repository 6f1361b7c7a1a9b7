#!/usr/bin/python3
"""The batched PyTorch peer of a RobustGrid sweep: the study's models x seeds trained in lockstep in one process.

Every SGD step is one matrix product over all runs' weights (logits = X_batch @ W.T + b), then each run's hinge
(regular: mean hinge, lr 0.1) or exact Linf robust hinge (robust: summed, lr 1e-4, penalty eps * ||w||_1), the
subgradient computed by hand, as RobustGrid does. Test metrics every epoch, then the unclipped attack curve over
linspace(0, 0.5, 101) (a sample survives iff y f(x) > eps ||w||_1), written to an .npz file. The same recipe as
RobustGrid's seed-faithful preset, not the same bits (its own initialisation and float order).

Usage: torch_peer.py DATA_DIR SEEDS OUT.npz [THREADS]   (THREADS default: all cores)
"""
import gzip
import os
import struct
import sys
import time

import numpy as np
import torch


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = struct.unpack(">" + "I" * (magic & 0xFF), data[4:4 + 4 * (magic & 0xFF)])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def split(directory, prefix, negative=0, positive=1):
    images = idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte.gz"))
    labels = idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte.gz"))
    keep = (labels == negative) | (labels == positive)
    x = torch.from_numpy(images[keep].reshape(int(keep.sum()), -1).astype(np.float32) / 255.0)
    y = torch.from_numpy(np.where(labels[keep] == positive, 1.0, -1.0).astype(np.float32))
    return x, y


def main():
    started = time.perf_counter()
    directory, seeds, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else os.cpu_count())
    x, y = split(directory, "train")
    xt, yt = split(directory, "t10k")
    n, d = x.shape
    loaded = time.perf_counter()

    # The study's four models x seeds: regular (mean hinge, lr 0.1) and robust eps 0.1, 0.2, 0.3 (summed, lr 1e-4).
    eps = torch.tensor([0.0] * seeds + [0.1] * seeds + [0.2] * seeds + [0.3] * seeds)
    robust = eps > 0
    runs = eps.numel()
    lr = torch.where(robust, torch.tensor(1e-4), torch.tensor(0.1))
    limit = (6.0 / (d + 1)) ** 0.5
    generator = torch.Generator().manual_seed(1)
    w = (torch.rand(runs, d, generator=generator) * 2 - 1) * limit
    b = torch.zeros(runs)
    epochs, batch = 10, 100
    history = torch.zeros(epochs, runs, 4)
    for epoch in range(epochs):
        loss_sum = torch.zeros(runs)
        correct = torch.zeros(runs)
        for start in range(0, n, batch):
            xb, yb = x[start:start + batch], y[start:start + batch]
            m = xb.shape[0]
            margins = (xb @ w.T + b) * yb[:, None]                      # m x runs
            shift = eps * w.abs().sum(dim=1)                             # runs
            loss = 1 - margins + shift
            active = (loss > 0).to(torch.float32)
            loss_sum += (loss * active).sum(dim=0)
            correct += (margins > 0).sum(dim=0)
            step = torch.where(robust, lr, lr / m)                       # sum for robust, mean for regular
            coefficient = active * yb[:, None]                           # m x runs: y on active samples
            w += step[:, None] * (coefficient.T @ xb) - (step * active.sum(dim=0) * eps)[:, None] * torch.sign(w)
            b += step * coefficient.sum(dim=0)
        test_margins = (xt @ w.T + b) * yt[:, None]
        history[epoch, :, 0] = loss_sum / n
        history[epoch, :, 1] = torch.clamp(1 - test_margins, min=0).mean(dim=0)
        history[epoch, :, 2] = correct / n
        history[epoch, :, 3] = (test_margins > 0).to(torch.float32).mean(dim=0)
    trained = time.perf_counter()

    grid = torch.linspace(0, 0.5, 101)
    margins = (xt @ w.T + b) * yt[:, None]                               # test x runs
    reduction = grid[:, None] * w.abs().sum(dim=1)[None, :]              # grid x runs
    curves = torch.stack([(margins > r).to(torch.float32).mean(dim=0) for r in reduction])  # grid x runs
    np.savez(out, eps=eps.numpy(), weights=w.numpy(), bias=b.numpy(), history=history.numpy(), grid=grid.numpy(), curves=curves.T.numpy())
    done = time.perf_counter()
    print(f"{runs} runs, {torch.get_num_threads()} threads: data {loaded - started:.2f} s, training {trained - loaded:.2f} s, "
          f"curves and file {done - trained:.2f} s, total {done - started:.2f} s in Python "
          f"(robust eps=0.1 mean clean test accuracy {history[-1, seeds:2 * seeds, 3].mean():.4f})")


if __name__ == "__main__":
    main()
