"""The seed networks in NumPy, timed: the baseline that Benchmarks/compare.sh sets nnbench against.

Workloads W1-W5 of issue #8, written as the seed projects write them (one NumPy call per step,
full batch, float64):

    W1  softmax MLP 2-32-2 (ReLU), moons N=200, lr 0.01, L2 0.01, summed gradients (the first seed)
    W2  softmax MLP 2-32-32-2, moons N=1000, averaged gradients (also on 2 BLAS threads: W2x2)
    W3  two-layer net 2-16-1 (ReLU, sigmoid output), circles N=1000, lr 0.1 (the second seed;
        also on 2 BLAS threads: W3x2)
    W4  softmax MLP 2-128-128-2, moons N=10,000, 200 epochs, on 1 and on 2 BLAS threads
    W5  W1's network at N = 100 ... 100,000, 100 epochs (averaged gradients: summed ones diverge);
        N = 10,000 and 100,000 also on 2 BLAS threads (W5n10000x2, W5n100000x2)

Each line printed is `RESULT <name> <epochs> <seconds>`, the best of a few repeats (3, or as many
as fill 0.3 s; 1 for W4 and the largest W5), so that the comparison script can join it with
nnbench's lines of the same form:

    python3 Benchmarks/numpy/seeds_bench.py [--quick] [WORKLOAD...]

Workload names choose the workloads whose names start with them (W1, W4x2, W5), as nnbench's do.

Needs numpy and scikit-learn (for make_moons/make_circles) and threadpoolctl (installed with
scikit-learn) to pin the BLAS thread count.
"""
import sys
import time

import numpy as np
from sklearn.datasets import make_circles, make_moons
from threadpoolctl import threadpool_limits


ACTIVATIONS = {
    "relu": (lambda z: np.maximum(0, z), lambda a: a > 0),
    "tanh": (np.tanh, lambda a: 1 - a * a),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda a: a * (1 - a)),
}


def softmax_mlp(X, y, hidden, epochs, lr, l2, summed, seed=0, activation="relu", dropout=0.0):
    """The first seed's network generalised to any depth: hidden layers of `activation` (ReLU,
    tanh or sigmoid, each derivative from the layer's output), softmax + cross-entropy, and
    inverted dropout at rate `dropout` on every hidden layer."""
    function, derivative = ACTIVATIONS[activation]
    keep = 1 - dropout
    rng = np.random.RandomState(seed)
    widths = [X.shape[1]] + hidden + [2]
    Ws = [rng.randn(a, b) / np.sqrt(a) for a, b in zip(widths[:-1], widths[1:])]
    bs = [np.zeros((1, b)) for b in widths[1:]]
    n = X.shape[0]
    scale = 1.0 if summed else 1.0 / n
    onehot = np.zeros((n, 2))
    onehot[np.arange(n), y] = 1
    for _ in range(epochs):
        activations = [X]  # what each layer reads: a hidden layer's outputs times its mask
        outputs = [X]  # each layer's outputs before the mask, for the derivatives
        masks = [None]
        for W, b in zip(Ws[:-1], bs[:-1]):
            a = function(activations[-1] @ W + b)
            outputs.append(a)
            masks.append((rng.random_sample(a.shape) < keep) / keep if dropout > 0 else None)
            activations.append(a if masks[-1] is None else a * masks[-1])
        z = activations[-1] @ Ws[-1] + bs[-1]
        e = np.exp(z - z.max(axis=1, keepdims=True))
        probs = e / e.sum(axis=1, keepdims=True)
        loss = -np.sum(onehot * np.log(probs)) * scale
        loss += l2 / 2 * sum(np.sum(W * W) for W in Ws)
        accuracy = np.mean(np.argmax(z, axis=1) == y)
        delta = (probs - onehot) * scale
        for index in range(len(Ws) - 1, -1, -1):
            dW = activations[index].T @ delta + l2 * Ws[index]
            db = np.sum(delta, axis=0, keepdims=True)
            if index > 0:
                delta = delta @ Ws[index].T
                if masks[index] is not None:
                    delta = delta * masks[index]
                delta = delta * derivative(outputs[index])
            Ws[index] -= lr * dW
            bs[index] -= lr * db
    return loss, accuracy


def circles_net(X, y, epochs, lr=0.1):
    """The second seed, as in circles_seed.py."""
    y = y.reshape(-1, 1)
    np.random.seed(42)
    W1 = np.random.randn(2, 16) * np.sqrt(2 / 2)
    b1 = np.zeros((1, 16))
    W2 = np.random.randn(16, 1) * np.sqrt(2 / 16)
    b2 = np.zeros((1, 1))
    m = X.shape[0]
    for _ in range(epochs):
        Z1 = X @ W1 + b1
        A1 = np.maximum(0, Z1)
        A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))
        loss = -np.mean(y * np.log(A2) + (1 - y) * np.log(1 - A2))
        accuracy = np.mean((A2 > 0.5) == y)
        dZ2 = A2 - y
        dW2 = A1.T @ dZ2 / m
        db2 = np.sum(dZ2, axis=0, keepdims=True) / m
        dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
        dW1 = X.T @ dZ1 / m
        db1 = np.sum(dZ1, axis=0, keepdims=True) / m
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
    return loss, accuracy


QUICK = "--quick" in sys.argv
MINIMUM_SECONDS = 0 if QUICK else 0.3
FILTERS = [argument for argument in sys.argv[1:] if not argument.startswith("--")]


def wanted(name):
    return not FILTERS or any(name.startswith(prefix) for prefix in FILTERS)


def best_time(run, repeats):
    """The best of at least `repeats` runs that take at least MINIMUM_SECONDS together, as nnbench
    does: on a shared machine whose speed drifts, both sides' best run then comes from the same
    length of time, whether one run takes 5 ms or 100 ms."""
    best, spent, runs = float("inf"), 0.0, 0
    while runs < repeats or spent < MINIMUM_SECONDS:
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
        best, spent, runs = min(best, seconds), spent + seconds, runs + 1
    return best


def report(name, epochs, seconds):
    print(f"RESULT {name} {epochs} {seconds:.6f}", flush=True)


def main():
    quick = QUICK
    repeats = 1 if quick else 3
    moons200 = make_moons(200, noise=0.2, random_state=0)
    moons1000 = make_moons(1000, noise=0.2, random_state=0)
    moons10k = make_moons(10_000, noise=0.2, random_state=0)
    circles = make_circles(1000, noise=0.1, factor=0.5, random_state=42)

    with threadpool_limits(limits=1):
        if wanted("W1"):
            report("W1", 1000, best_time(
                lambda: softmax_mlp(*moons200, [32], 1000, 0.01, 0.01, summed=True), repeats))
        if wanted("W2"):
            report("W2", 1000, best_time(
                lambda: softmax_mlp(*moons1000, [32, 32], 1000, 0.5, 0.001, summed=False),
                repeats))
        if wanted("W3"):
            report("W3", 1000, best_time(lambda: circles_net(*circles, 1000), repeats))
        # W2's network with dropout 0.2 on both hidden layers, full batch.
        if wanted("A2dropout"):
            report("A2dropout", 1000, best_time(
                lambda: softmax_mlp(*moons1000, [32, 32], 1000, 0.5, 0.001, summed=False,
                                    dropout=0.2), repeats))
        # activations.nnb's network with tanh and sigmoid hidden units.
        for activation in ("tanh", "sigmoid"):
            if wanted(f"A1{activation}"):
                report(f"A1{activation}", 1000, best_time(
                    lambda: softmax_mlp(*moons200, [16, 16], 1000, 0.5, 0.001, summed=False,
                                        activation=activation), repeats))
    w4_epochs = 20 if quick else 200
    for threads in (1, 2):
        if not wanted(f"W4x{threads}"):
            continue
        with threadpool_limits(limits=threads):
            report(f"W4x{threads}", w4_epochs, best_time(
                lambda: softmax_mlp(*moons10k, [128, 128], w4_epochs, 0.5, 0.001, summed=False),
                1))
    # W2, W3 and the large W5 runs again with two BLAS threads, beside nnbench's on every core.
    with threadpool_limits(limits=2):
        if wanted("W2x2"):
            report("W2x2", 1000, best_time(
                lambda: softmax_mlp(*moons1000, [32, 32], 1000, 0.5, 0.001, summed=False),
                repeats))
        if wanted("W3x2"):
            report("W3x2", 1000, best_time(lambda: circles_net(*circles, 1000), repeats))
    w5_runs = [(n, 1, "") for n in (100, 1_000, 10_000, 100_000)]
    w5_runs += [(n, 2, "x2") for n in (10_000, 100_000)]
    for n, threads, suffix in w5_runs:
        if not wanted(f"W5n{n}{suffix}"):
            continue
        data = make_moons(n, noise=0.2, random_state=0)
        with threadpool_limits(limits=threads):
            report(f"W5n{n}{suffix}", 100, best_time(
                lambda: softmax_mlp(*data, [32], 100, 0.5, 0.01, summed=False),
                repeats if n <= 10_000 else 1))

if __name__ == "__main__":
    main()
