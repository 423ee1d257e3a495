import VectorIntrinsics

/// Eight doubles whose every operation is one vector operation (`VectorIntrinsics.h`).
///
/// `SIMD8<Double>`'s own operators compute lane by lane and leave the compiler to put the lanes
/// back together, which it does in a short loop but gives up on in a long function such as a
/// loss head: there a vector of eight becomes eight scalar instructions. ``LaneMath`` and
/// ``LaneHeads`` compute with these instead. Every operation is exactly rounded, and negation is
/// `0 − x`, as for `SIMD8`.
///
/// Like ``LaneKernels``, this file is compiled into NeuralNet and, through a symbolic link, into
/// WideKernels.
struct LaneVector {
  var vector: SIMD8<Double>

  @inline(__always) init(_ vector: SIMD8<Double>) { self.vector = vector }
  @inline(__always) init(repeating value: Double) { vector = SIMD8(repeating: value) }
  /// The lanes whose bits are `bits`.
  @inline(__always) init(bits: SIMD8<Int64>) { vector = lanes_from_bits(bits) }

  /// Each lane's bits.
  @inline(__always) var bits: SIMD8<Int64> { lanes_bits(vector) }

  @inline(__always) static func load(_ pointer: UnsafePointer<Double>) -> LaneVector {
    LaneVector(UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Double>.self))
  }

  @inline(__always) func store(_ pointer: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: SIMD8<Double>.self)
  }

  @inline(__always) static func + (a: LaneVector, b: LaneVector) -> LaneVector {
    LaneVector(lanes_add(a.vector, b.vector))
  }
  @inline(__always) static func - (a: LaneVector, b: LaneVector) -> LaneVector {
    LaneVector(lanes_subtract(a.vector, b.vector))
  }
  @inline(__always) static func * (a: LaneVector, b: LaneVector) -> LaneVector {
    LaneVector(lanes_multiply(a.vector, b.vector))
  }
  @inline(__always) static func / (a: LaneVector, b: LaneVector) -> LaneVector {
    LaneVector(lanes_divide(a.vector, b.vector))
  }
  @inline(__always) static prefix func - (a: LaneVector) -> LaneVector { 0 - a }

  @inline(__always) static func + (a: LaneVector, b: Double) -> LaneVector {
    a + LaneVector(repeating: b)
  }
  @inline(__always) static func + (a: Double, b: LaneVector) -> LaneVector {
    LaneVector(repeating: a) + b
  }
  @inline(__always) static func - (a: LaneVector, b: Double) -> LaneVector {
    a - LaneVector(repeating: b)
  }
  @inline(__always) static func - (a: Double, b: LaneVector) -> LaneVector {
    LaneVector(repeating: a) - b
  }
  @inline(__always) static func * (a: LaneVector, b: Double) -> LaneVector {
    a * LaneVector(repeating: b)
  }
  @inline(__always) static func * (a: Double, b: LaneVector) -> LaneVector {
    LaneVector(repeating: a) * b
  }
  @inline(__always) static func / (a: Double, b: LaneVector) -> LaneVector {
    LaneVector(repeating: a) / b
  }

  @inline(__always) static func += (a: inout LaneVector, b: LaneVector) { a = a + b }

  /// `a·b + c` with one rounding.
  @inline(__always)
  static func fused(_ a: LaneVector, _ b: LaneVector, _ c: LaneVector) -> LaneVector {
    LaneVector(lanes_fma(a.vector, b.vector, c.vector))
  }

  @inline(__always) static func .< (a: LaneVector, b: LaneVector) -> LaneMask {
    LaneMask(lanes_less(a.vector, b.vector))
  }
  @inline(__always) static func .<= (a: LaneVector, b: LaneVector) -> LaneMask {
    LaneMask(lanes_less_or_equal(a.vector, b.vector))
  }
  @inline(__always) static func .> (a: LaneVector, b: LaneVector) -> LaneMask { b .< a }
  @inline(__always) static func .>= (a: LaneVector, b: LaneVector) -> LaneMask { b .<= a }
  @inline(__always) static func .!= (a: LaneVector, b: LaneVector) -> LaneMask {
    LaneMask(lanes_not_equal(a.vector, b.vector))
  }
  @inline(__always) static func .< (a: LaneVector, b: Double) -> LaneMask {
    a .< LaneVector(repeating: b)
  }
  @inline(__always) static func .<= (a: LaneVector, b: Double) -> LaneMask {
    a .<= LaneVector(repeating: b)
  }
  @inline(__always) static func .> (a: LaneVector, b: Double) -> LaneMask {
    a .> LaneVector(repeating: b)
  }
  @inline(__always) static func .>= (a: LaneVector, b: Double) -> LaneMask {
    a .>= LaneVector(repeating: b)
  }
  @inline(__always) static func .!= (a: LaneVector, b: Double) -> LaneMask {
    a .!= LaneVector(repeating: b)
  }
}

/// A lane mask: each lane all ones (set) or all zeros.
struct LaneMask {
  var bits: SIMD8<Int64>

  @inline(__always) init(_ bits: SIMD8<Int64>) { self.bits = bits }

  @inline(__always) static func & (a: LaneMask, b: LaneMask) -> LaneMask {
    LaneMask(lanes_and(a.bits, b.bits))
  }
  @inline(__always) static func | (a: LaneMask, b: LaneMask) -> LaneMask {
    LaneMask(lanes_or(a.bits, b.bits))
  }
  @inline(__always) static prefix func ! (a: LaneMask) -> LaneMask { LaneMask(lanes_not(a.bits)) }

  /// Whether every lane is set.
  @inline(__always) var isAll: Bool { lanes_all(bits) }

  /// The lanes as the bits of a byte, lane `i` in bit `i`.
  @inline(__always) var byte: UInt8 { lanes_mask_byte(bits) }
  /// The mask whose lane `i` is bit `i` of `byte`.
  @inline(__always) init(byte: UInt8) { bits = lanes_mask_from_byte(byte) }
}

/// `value` where `mask` is set, `otherwise` (0 by default) elsewhere.
@inline(__always)
func select(
  _ mask: LaneMask, _ value: LaneVector, otherwise: LaneVector = LaneVector(repeating: 0)
) -> LaneVector {
  LaneVector(lanes_select(mask.bits, value.vector, otherwise.vector))
}
