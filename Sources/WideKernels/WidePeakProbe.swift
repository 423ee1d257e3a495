/// The fused multiply-add peak in 512-bit registers, for the benchmark's probe: 16 independent
/// chains of `SIMD8<Double>` multiply-adds, `steps` deep. Returns a value the caller must use, so
/// that the work is not optimised away; the work is `steps · 16 · 8 · 2` floating-point
/// operations.
@inline(never)
public func wideMultiplyAddChains(steps: Int, seed: Double) -> Double {
  typealias V = SIMD8<Double>
  let factor = V(repeating: 0.999_999_9)
  var s = (
    V(repeating: seed), V(repeating: seed + 1), V(repeating: seed + 2), V(repeating: seed + 3),
    V(repeating: seed + 4), V(repeating: seed + 5), V(repeating: seed + 6), V(repeating: seed + 7)
  )
  var t = (
    V(repeating: seed + 8), V(repeating: seed + 9), V(repeating: seed + 10),
    V(repeating: seed + 11), V(repeating: seed + 12), V(repeating: seed + 13),
    V(repeating: seed + 14), V(repeating: seed + 15)
  )
  for _ in 0..<steps {
    s.0 = s.0.addingProduct(s.0, factor)
    s.1 = s.1.addingProduct(s.1, factor)
    s.2 = s.2.addingProduct(s.2, factor)
    s.3 = s.3.addingProduct(s.3, factor)
    s.4 = s.4.addingProduct(s.4, factor)
    s.5 = s.5.addingProduct(s.5, factor)
    s.6 = s.6.addingProduct(s.6, factor)
    s.7 = s.7.addingProduct(s.7, factor)
    t.0 = t.0.addingProduct(t.0, factor)
    t.1 = t.1.addingProduct(t.1, factor)
    t.2 = t.2.addingProduct(t.2, factor)
    t.3 = t.3.addingProduct(t.3, factor)
    t.4 = t.4.addingProduct(t.4, factor)
    t.5 = t.5.addingProduct(t.5, factor)
    t.6 = t.6.addingProduct(t.6, factor)
    t.7 = t.7.addingProduct(t.7, factor)
  }
  let sum =
    s.0 + s.1 + s.2 + s.3 + s.4 + s.5 + s.6 + s.7 + t.0 + t.1 + t.2 + t.3 + t.4 + t.5 + t.6 + t.7
  // Lane by lane rather than `sum()`: a generic helper emitted here could be linked in for other
  // modules' calls, and this module's code may only run on a CPU with AVX-512.
  return sum[0] + sum[1] + sum[2] + sum[3] + sum[4] + sum[5] + sum[6] + sum[7]
}
