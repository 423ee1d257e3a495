#!/usr/bin/env python3
"""Prints the tables of Sources/NeuralNet/Core/VectorMath.swift as Swift literals, and checks them.

Every value is computed in 60-digit decimal arithmetic and rounded once to a double, so the tables
can be regenerated and checked with nothing but Python's standard library:

    python3 Scripts/vector-math-tables.py
"""

import decimal
import math
import struct
from decimal import Decimal

decimal.getcontext().prec = 60
LN2 = Decimal(2).ln()


def bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def double(b: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def split(value: Decimal) -> tuple[float, float]:
    """The double nearest `value` and the double nearest what remains."""
    high = float(value)
    return high, float(value - Decimal(high))


def on_grid(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=decimal.ROUND_HALF_EVEN) * step


def literal(x: float) -> str:
    if x == 0:
        return "0"
    text = x.hex()
    mantissa, exponent = text.split("p")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}p{exponent}"


def exp_table(table_bits: int = 7) -> None:
    n = 1 << table_bits
    step_high, step_low = split(LN2 / n)
    print(f"// exp: {n}/ln 2 = {literal(float(n / LN2))}")
    print(f"// exp: ln 2/{n} = {literal(step_high)} + {literal(step_low)}")
    for k in range(2, 7):
        print(f"// exp: 1/{k}! = {literal(1 / math.factorial(k))}")
    print(f"// exp table: 2^(j/{n}) as (high, low)")
    for j in range(n):
        high, low = split((LN2 * j / n).exp())
        print(f"    {literal(high)}, {literal(low)},")


def log_table(table_bits: int = 8) -> None:
    n = 1 << table_bits
    shift = 52 - table_bits
    # Mantissas m fall in [start, 2·start) with start near √2/2, cut into n intervals by the bits
    # below the exponent field of bits(m) - bits(start). The start is chosen so that 1.0 lies in
    # the middle (in bits) of an interval.
    one = bits(1.0)
    central = (one - bits(0.5**0.5) - (1 << (shift - 1))) >> shift
    start_bits = one - (central << shift) - (1 << (shift - 1))
    start = Decimal(double(start_bits))
    ln2_high = float(on_grid(LN2, Decimal(2) ** -42))
    ln2_low = float(LN2 - Decimal(ln2_high))
    print(f"// log: start {start_bits:#x} ({literal(double(start_bits))}), central index {central}")
    print(f"// log: ln 2 = {literal(ln2_high)} + {literal(ln2_low)}")
    for k in range(2, 9):
        print(f"// log: (-1)^(k+1)/{k} = {literal((-1) ** (k + 1) / k)}")
    print("// log table: (1/c, -ln(1/c) high, low)")
    largest = Decimal(0)
    for i in range(n):
        low_end = Decimal(double(start_bits + (i << shift)))
        high_end = min(Decimal(double(start_bits + ((i + 1) << shift))), 2 * start)
        # r = m·(1/c) − 1 must be exact: m is a multiple of 2⁻⁵³ below 1 and of 2⁻⁵² above, so
        # 1/c is a multiple of 2⁻⁸ or 2⁻⁹ and |r| < 2⁻⁸.
        grid = Decimal(2) ** (-8 if high_end <= 1 else -9)
        if i == central:
            candidates = [Decimal(1)]
        else:
            ideal = 2 / (low_end + high_end)
            candidates = sorted(
                (on_grid(ideal, grid) + k * grid for k in range(-3, 4)),
                key=lambda c: max(abs(low_end * c - 1), abs(high_end * c - 1)),
            )
        for inverse in candidates:
            r_bound = max(abs(low_end * inverse - 1), abs(high_end * inverse - 1))
            log_c = -inverse.ln()
            # Fast2Sum of (e·ln 2 − ln c) + r is exact if −ln c outranks r in binary exponent.
            outranks = inverse == 1 or math.floor(math.log2(abs(log_c))) >= math.floor(
                math.log2(r_bound)
            )
            if r_bound < Decimal(2) ** -8 and outranks:
                break
        else:
            raise SystemExit(f"log: no 1/c for interval {i}")
        largest = max(largest, r_bound)
        # −ln c on the 2⁻⁴² grid, so that e·ln2High + high is exact; the rest in low.
        high = float(on_grid(log_c, Decimal(2) ** -42))
        low = float(log_c - Decimal(high))
        print(f"    {literal(float(inverse))}, {literal(high)}, {literal(low)},")
    print(f"// log: largest |r| = 2^{math.log2(largest):.4f}")


exp_table()
log_table()
