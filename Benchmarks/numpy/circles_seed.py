"""The second seed project's network in NumPy, to check Notebooks/circles.nnb against.

A 2-16-1 network (ReLU hidden layer, sigmoid output, He initialisation, binary cross-entropy)
trained full-batch on make_circles(1000, noise=0.1, factor=0.5, random_state=42) with seed 42
and learning rate 0.1. It prints the loss every 100 epochs, measured before that epoch's update,
in the format of nnbook's training log (4 significant digits), so the two can be compared:

    python3 Benchmarks/numpy/circles_seed.py
    swift run -c release nnbook run Notebooks/circles.nnb | grep '^    epoch'

Needs numpy and scikit-learn (pip install scikit-learn); nnbook itself never needs Python.
"""
import numpy as np
from sklearn.datasets import make_circles


def significant(value, digits=4):
    """nnbook's compact format: 4 significant digits, trailing zeros dropped."""
    text = f"{value:.{digits}g}"
    return text


X, y = make_circles(n_samples=1000, noise=0.1, factor=0.5, random_state=42)
y = y.reshape(-1, 1)
np.random.seed(42)
W1 = np.random.randn(2, 16) * np.sqrt(2 / 2)
b1 = np.zeros((1, 16))
W2 = np.random.randn(16, 1) * np.sqrt(2 / 16)
b2 = np.zeros((1, 1))
learning_rate = 0.1
m = X.shape[0]
for epoch in range(1000):
    Z1 = X @ W1 + b1
    A1 = np.maximum(0, Z1)
    A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))
    loss = -np.mean(y * np.log(A2) + (1 - y) * np.log(1 - A2))
    accuracy = np.mean((A2 > 0.5) == y)
    if epoch % 100 == 0 or epoch == 999:
        print(f"epoch {epoch}  loss {significant(loss)}  accuracy {100 * accuracy:.1f}%")
    dZ2 = A2 - y
    dW2 = A1.T @ dZ2 / m
    db2 = np.sum(dZ2, axis=0, keepdims=True) / m
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    dW1 = X.T @ dZ1 / m
    db1 = np.sum(dZ1, axis=0, keepdims=True) / m
    W1 -= learning_rate * dW1
    b1 -= learning_rate * db1
    W2 -= learning_rate * dW2
    b2 -= learning_rate * db2
