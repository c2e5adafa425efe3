import Continuum
import Foundation

/// `continuum stability`: linear stability numbers of methods, computed from their coefficients,
/// as a table or JSON, with optional SVG figures of the regions and order stars.
enum StabilityCommand: Subcommand {
    static let name = "stability"
    static let summary = """
        Stability of methods on y' = λy from their coefficients: real and imaginary stability \
        intervals, A- and L-stability, the A(α) angle and the region's area; SVG of the regions and order stars.
        """
    static let usage = """
        continuum stability [--methods rk4,dopri5,tsit5,bs3,radau5] [--format table|json] [--svg FILE.svg] \
        [--order-stars FILE.svg] [--box XMIN,XMAX,YMIN,YMAX] [--resolution N]
        """
    static let options = [
        OptionSpec(name: "methods", value: "NAMES", help: """
            methods (see `continuum methods`; bdf1…bdf5 and ndf1…ndf5 for fixed-order BDF/NDF; \
            NAME:embedded for an error estimator's embedded solution); default rk4,dopri5,tsit5,bs3,radau5
            """),
        OptionSpec(name: "format", value: "table|json", help: "output format (default table)"),
        OptionSpec(name: "svg", value: "FILE.svg", help: "draw the stability regions |R(z)| ≤ 1, overlaid"),
        OptionSpec(name: "order-stars", value: "FILE.svg", help: "draw the order stars |R(z) e^(-z)| > 1 of the one-step methods"),
        OptionSpec(name: "box", value: "XMIN,XMAX,YMIN,YMAX", help: "window of the figures and of the area (default from the intervals)"),
        OptionSpec(name: "resolution", value: "N", help: "grid points per side for figures and area (default 301)"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static let defaultMethods = ["rk4", "dopri5", "tsit5", "bs3", "radau5"]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let methods = try (arguments.names("methods") ?? defaultMethods).map(method)
        let format = arguments["format"] ?? "table"
        guard format == "table" || format == "json" else {
            throw UsageError("--format: unknown format '\(format)' (expected table or json)")
        }
        var resolution = 301
        if let text = arguments["resolution"] {
            guard let n = Int(text), (11...2001).contains(n) else {
                throw UsageError("--resolution: '\(text)' is not an integer from 11 to 2001")
            }
            resolution = n
        }
        let rows = methods.map { StabilitySummary($0) }
        let box = try box(arguments, rows)
        let grids = methods.map {
            StabilityGrid.amplification($0, real: box.real, imaginary: box.imaginary, columns: resolution, rows: resolution)
        }
        let summaries = zip(rows, grids).map { $0.measuringArea(on: $1) }
        print(format == "json" ? json(summaries, methods) : table(summaries))
        if let path = arguments["svg"] {
            try StabilityFigures.writeRegions(zip(methods, grids).map { ($0.name, $1) }, to: path)
        }
        if let path = arguments["order-stars"] {
            try StabilityFigures.writeOrderStars(methods, box: box, resolution: resolution, to: path)
        }
        return 0
    }

    /// The stability model of a command-line method name.
    static func method(_ name: String) throws(UsageError) -> any LinearStability {
        let key = name.lowercased()
        let base = key.split(separator: ":").first.map(String.init) ?? key
        let known = MethodRegistry.named(base) != nil || StabilityCatalog.named(base) != nil
        if known, let method = StabilityCatalog.named(key) { return method }
        if base == "bdf" || base == "ndf" {
            throw UsageError("--methods: '\(name)' varies its order; name a fixed order, \(base)1 … \(base)5")
        }
        if known {
            throw UsageError("--methods: '\(name)' has no stability function here (embedded solutions exist for adaptive Runge-Kutta, Rosenbrock and ESDIRK methods)")
        }
        let names = StabilityCatalog.all.map(\.name).joined(separator: ", ")
        throw UsageError("--methods: unknown method '\(name)' (known: \(names))")
    }

    /// The window: `--box`, or one that shows every bounded interval with a margin.
    static func box(_ arguments: ParsedArguments, _ rows: [StabilitySummary]) throws(UsageError) -> (real: ClosedRange<Double>, imaginary: ClosedRange<Double>) {
        if let values = try arguments.numbers("box") {
            guard values.count == 4, values[0] < values[1], values[2] < values[3] else {
                throw UsageError("--box needs XMIN,XMAX,YMIN,YMAX with XMIN < XMAX and YMIN < YMAX")
            }
            return (values[0]...values[1], values[2]...values[3])
        }
        let reach = rows.flatMap { [-$0.realInterval.lower, $0.imaginaryInterval.upper] }.filter { $0.isFinite && $0 > 0 }.max() ?? 4
        let size = (max(reach, 2.5) * 1.15).rounded(.up)
        return (-size...max(2, size / 3), -size...size)
    }

    static func table(_ summaries: [StabilitySummary]) -> String {
        func number(_ x: Double) -> String {
            x.isFinite ? String(format: "%.6f", x) : (x > 0 ? "∞" : "-∞")
        }
        let header = ["method", "real interval", "imaginary interval", "A-stable", "L-stable", "A(α)", "|R(∞)|", "area"]
        let body = summaries.map { s in
            [s.name, "[\(number(s.realInterval.lower)), \(number(s.realInterval.upper))]",
             "[\(number(s.imaginaryInterval.lower)), \(number(s.imaginaryInterval.upper))]",
             s.isAStable ? "yes" : "no", s.isLStable ? "yes" : "no", String(format: "%.2f°", s.sectorAngleDegrees),
             s.amplificationAtInfinity.isFinite ? String(format: "%.3g", s.amplificationAtInfinity) : "∞",
             s.area.map { String(format: "%.3f", $0) } ?? "-"]
        }
        let box = summaries.first?.areaBox.map {
            "area inside Re z ∈ [\($0.real.lowerBound), \($0.real.upperBound)], Im z ∈ [\($0.imaginary.lowerBound), \($0.imaginary.upperBound)]"
        } ?? ""
        return TextTable.render(header: header, rows: body) + "\n" + box
    }

    /// `{"methods":[{…}]}`; infinite interval ends are `null`.
    static func json(_ summaries: [StabilitySummary], _ methods: [any LinearStability]) -> String {
        let rows = zip(summaries, methods).map { s, method in
            var members = [
                ("name", JSONText.string(s.name)),
                ("real_interval", JSONText.array([s.realInterval.lower, s.realInterval.upper])),
                ("imaginary_interval", JSONText.array([s.imaginaryInterval.lower, s.imaginaryInterval.upper])),
                ("a_stable", s.isAStable ? "true" : "false"), ("l_stable", s.isLStable ? "true" : "false"),
                ("a_alpha_degrees", JSONText.number(s.sectorAngleDegrees)),
                ("r_infinity", JSONText.number(s.amplificationAtInfinity)),
            ]
            if let area = s.area, let box = s.areaBox {
                members.append(("area", JSONText.number(area)))
                members.append(("area_box", JSONText.array([box.real.lowerBound, box.real.upperBound,
                                                            box.imaginary.lowerBound, box.imaginary.upperBound])))
            }
            if let order = (method as? OneStepStability)?.order ?? (method as? MultistepStability)?.order {
                members.append(("order", String(order)))
            }
            return JSONText.object(members)
        }
        return JSONText.object([("methods", "[" + rows.joined(separator: ",") + "]")])
    }
}

