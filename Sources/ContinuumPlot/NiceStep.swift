import Foundation

/// A tick spacing of the form `mantissa × 10^exponent` with mantissa 1, 2 or 5: the steps people read
/// without effort.
struct NiceStep: Equatable {
    /// 1, 2 or 5.
    var mantissa: Int
    var exponent: Int

    /// The smallest nice step that is at least `raw` (which must be positive and finite).
    static func atLeast(_ raw: Double) -> NiceStep {
        let exponent = Int(floor(log10(raw)))
        let fraction = raw / pow(10, Double(exponent))
        // The tolerance keeps a raw step of exactly 2 (seen as 2.0000000000000004) from becoming 5.
        for mantissa in [1, 2, 5] where fraction <= Double(mantissa) * (1 + 1e-9) {
            return NiceStep(mantissa: mantissa, exponent: exponent)
        }
        return NiceStep(mantissa: 1, exponent: exponent + 1)
    }

    /// The next larger nice step: 1 → 2 → 5 → 10.
    var larger: NiceStep {
        switch mantissa {
        case 1: return NiceStep(mantissa: 2, exponent: exponent)
        case 2: return NiceStep(mantissa: 5, exponent: exponent)
        default: return NiceStep(mantissa: 1, exponent: exponent + 1)
        }
    }

    /// The next smaller nice step: 10 → 5 → 2 → 1.
    var smaller: NiceStep {
        switch mantissa {
        case 5: return NiceStep(mantissa: 2, exponent: exponent)
        case 2: return NiceStep(mantissa: 1, exponent: exponent)
        default: return NiceStep(mantissa: 5, exponent: exponent - 1)
        }
    }

    var value: Double { multiple(1) }

    /// `index × step`, computed as `index × mantissa / 10^-exponent` for negative exponents so that
    /// `3 × 0.1` comes out as 0.3 rather than 0.30000000000000004.
    func multiple(_ index: Double) -> Double {
        let scaled = index * Double(mantissa)
        if exponent >= 0 || exponent < -300 {
            return scaled * pow(10, Double(exponent))
        }
        return scaled / pow(10, Double(-exponent))
    }
}
