import Foundation

/// A complex number `re + i·im`: the points `z = hλ` of the stability plane and the values of
/// stability functions there.
public struct Complex: Sendable, Hashable, CustomStringConvertible {
    /// The real part.
    public var re: Double
    /// The imaginary part.
    public var im: Double

    /// `re + i·im`.
    @inlinable
    public init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// `0`.
    public static let zero = Complex(0)
    /// `1`.
    public static let one = Complex(1)
    /// The imaginary unit.
    public static let i = Complex(0, 1)

    /// `r·e^{iφ}`.
    @inlinable
    public init(magnitude r: Double, phase phi: Double) {
        self.init(r * cos(phi), r * sin(phi))
    }

    /// `|z|`, without overflow for large parts.
    @inlinable
    public var magnitude: Double { hypot(re, im) }

    /// The argument in `(−π, π]`.
    @inlinable
    public var phase: Double { atan2(im, re) }

    /// The complex conjugate.
    @inlinable
    public var conjugate: Complex { Complex(re, -im) }

    /// Whether both parts are finite.
    @inlinable
    public var isFinite: Bool { re.isFinite && im.isFinite }

    /// `e^z`.
    @inlinable
    public static func exp(_ z: Complex) -> Complex {
        Complex(magnitude: Foundation.exp(z.re), phase: z.im)
    }

    // Field arithmetic, written out so that it inlines into the evaluation loops.

    /// The sum.
    @inlinable
    public static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    @inlinable
    public static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    @inlinable
    public static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    @inlinable
    public static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    @inlinable
    public static func * (a: Double, b: Complex) -> Complex { Complex(a * b.re, a * b.im) }

    /// Smith's division: scales by the larger part of `b`, so neither overflows nor underflows
    /// needlessly.
    @inlinable
    public static func / (a: Complex, b: Complex) -> Complex {
        if abs(b.re) >= abs(b.im) {
            let ratio = b.im / b.re, denominator = b.re + b.im * ratio
            return Complex((a.re + a.im * ratio) / denominator, (a.im - a.re * ratio) / denominator)
        }
        let ratio = b.re / b.im, denominator = b.re * ratio + b.im
        return Complex((a.re * ratio + a.im) / denominator, (a.im * ratio - a.re) / denominator)
    }

    @inlinable
    public static func += (a: inout Complex, b: Complex) { a = a + b }
    @inlinable
    public static func -= (a: inout Complex, b: Complex) { a = a - b }
    @inlinable
    public static func *= (a: inout Complex, b: Complex) { a = a * b }

    public var description: String {
        im < 0 ? "\(re) - \(-im)i" : "\(re) + \(im)i"
    }
}
