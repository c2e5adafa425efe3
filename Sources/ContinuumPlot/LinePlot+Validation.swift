extension LinePlot {
    /// Checks every series against the axes and returns the range of the finite data on each axis.
    func validatedDataRanges() throws(PlotError) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        guard !series.isEmpty else { throw .noData }
        try Self.validate(limits: xAxis, .x)
        try Self.validate(limits: yAxis, .y)
        var xRange: ClosedRange<Double>?, yRange: ClosedRange<Double>?
        for (index, item) in series.enumerated() {
            let name = item.name(index: index)
            guard item.x.count == item.y.count else {
                throw .lengthMismatch(series: name, xCount: item.x.count, yCount: item.y.count)
            }
            guard !item.x.isEmpty else { throw .emptySeries(series: name) }
            if let fill = item.fill, !(0...1).contains(fill.opacity) {
                throw .invalidStyle(series: name, reason: "fill opacity \(fill.opacity) is outside [0, 1]")
            }
            if let width = item.lineWidth, !(width.isFinite && width >= 0) {
                throw .invalidStyle(series: name, reason: "line width \(width) must be finite and not negative")
            }
            try Self.checkPositive(item.x, on: xAxis, .x, series: name)
            try Self.checkPositive(item.y, on: yAxis, .y, series: name)
            // A point is drawn only when both coordinates are finite, so only such points set the range.
            for (x, y) in zip(item.x, item.y) where x.isFinite && y.isFinite {
                xRange = xRange.map { min($0.lowerBound, x)...max($0.upperBound, x) } ?? x...x
                yRange = yRange.map { min($0.lowerBound, y)...max($0.upperBound, y) } ?? y...y
            }
        }
        guard let xRange, let yRange else { throw .noFinitePoints }
        return (xRange, yRange)
    }

    private static func validate(limits axis: Axis, _ name: AxisName) throws(PlotError) {
        guard let limits = axis.limits else { return }
        let lower = limits.lowerBound, upper = limits.upperBound
        if !lower.isFinite || !upper.isFinite {
            throw .invalidLimits(axis: name, lower: lower, upper: upper, reason: "limits must be finite")
        }
        if lower == upper {
            throw .invalidLimits(axis: name, lower: lower, upper: upper, reason: "the range is empty")
        }
        if axis.scale == .logarithmic && lower <= 0 {
            throw .invalidLimits(axis: name, lower: lower, upper: upper,
                                 reason: "a logarithmic axis needs positive limits")
        }
    }

    private static func checkPositive(
        _ values: [Double], on axis: Axis, _ name: AxisName, series: String
    ) throws(PlotError) {
        guard axis.scale == .logarithmic else { return }
        if let index = values.firstIndex(where: { $0.isFinite && $0 <= 0 }) {
            throw .nonPositiveOnLogarithmicAxis(axis: name, series: series, index: index, value: values[index])
        }
    }
}
