#!/usr/bin/env python3
"""Checks the constants of Sources/NeuralNet/Core/LaneMath.swift with Python's standard library.

    python3 Scripts/lane-math-constants.py

- 1/n! for n = 2…13 (exp's series) are the doubles nearest the exact fractions;
- ln2High has 21 trailing zero bits and ln2High + ln2Low is ln 2 to about 2^-85;
- 1/ln 2 is the double nearest its exact value;
- fdlibm's Lg1…Lg7 are the doubles its source gives as bit patterns.
"""

import decimal
import math
import struct
from decimal import Decimal
from fractions import Fraction

decimal.getcontext().prec = 60
LN2 = Decimal(2).ln()


H = float.fromhex


def bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def nearest(value: Decimal) -> float:
    return float(value)  # Decimal → float rounds once, to nearest


failures = 0


def check(name: str, ok: bool) -> None:
    global failures
    print(("ok   " if ok else "FAIL ") + name)
    failures += not ok


factorials = [
    H("0x1p-1"), H("0x1.5555555555555p-3"), H("0x1.5555555555555p-5"), H("0x1.1111111111111p-7"),
    H("0x1.6c16c16c16c17p-10"), H("0x1.a01a01a01a01ap-13"), H("0x1.a01a01a01a01ap-16"), H("0x1.71de3a556c734p-19"),
    H("0x1.27e4fb7789f5cp-22"), H("0x1.ae64567f544e4p-26"), H("0x1.1eed8eff8d898p-29"), H("0x1.6124613a86d09p-33"),
]
for n, value in zip(range(2, 14), factorials):
    check(f"1/{n}!", value == float(Fraction(1, math.factorial(n))))

ln2_high, ln2_low = H("0x1.62e42fee00000p-1"), H("0x1.a39ef35793c76p-33")
check("ln2High has 21 trailing zero bits", bits(ln2_high) & ((1 << 21) - 1) == 0)
error = abs(Decimal(ln2_high) + Decimal(ln2_low) - LN2)
check(f"ln2High + ln2Low within 2^-85 of ln 2 (error {float(error):.3g})", error < Decimal(2) ** -85)
check("1/ln 2", H("0x1.71547652b82fep+0") == nearest(1 / LN2))

lg = {
    0x3FE5555555555593: H("0x1.5555555555593p-1"), 0x3FD999999997FA04: H("0x1.999999997fa04p-2"),
    0x3FD2492494229359: H("0x1.2492494229359p-2"), 0x3FCC71C51D8E78AF: H("0x1.c71c51d8e78afp-3"),
    0x3FC7466496CB03DE: H("0x1.7466496cb03dep-3"), 0x3FC39A09D078C69F: H("0x1.39a09d078c69fp-3"),
    0x3FC2F112DF3E5244: H("0x1.2f112df3e5244p-3"),
}
for index, (pattern, value) in enumerate(lg.items(), start=1):
    check(f"Lg{index}", bits(value) == pattern)

raise SystemExit(1 if failures else 0)
