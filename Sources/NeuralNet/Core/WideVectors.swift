import CPUFeatures
import Synchronization

/// Whether the products compute their bulk in 512-bit registers (AVX-512, see `WideKernels`).
///
/// An x86-64 build does so by default on a CPU that reports AVX-512; the results are the same
/// bits either way (each element is the same chain of fused multiply-adds), only the speed
/// differs.
///
/// ```
/// WideVectors.isEnabled = false   // 256-bit kernels only, e.g. to compare speeds
/// ```
public enum WideVectors {
  /// Whether this build and CPU can use them.
  public static let isSupported: Bool = {
    #if HASWELL_BUILD
      return nnbook_supports_avx512() != 0
    #else
      return false
    #endif
  }()

  private static let enabled = Atomic<Bool>(isSupported)

  /// Whether products use them: by default whenever supported; setting `true` where they are not
  /// supported leaves them off.
  public static var isEnabled: Bool {
    get { enabled.load(ordering: .relaxed) }
    set { enabled.store(newValue && isSupported, ordering: .relaxed) }
  }
}
