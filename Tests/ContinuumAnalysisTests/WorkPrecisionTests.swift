import ContinuumAnalysis
import ContinuumODE
import Foundation
import Testing

@Suite struct WorkPrecisionTests {
    /// The harmonic oscillator y'' = −y from (1, 0): exact solution (cos t, −sin t).
    static var oscillator: ODEProblem<ClosureVectorField> {
        try! ODEProblem(
            ClosureVectorField(dimension: 2) { _, y, dy in
                dy[0] = y[1]
                dy[1] = -y[0]
            }, y0: [1, 0], from: 0, to: 10)
    }
    static let times = (1...10).map(Double.init)
    static let exact = times.map { [cos($0), -sin($0)] }

    @Test func referenceIsAccurate() throws {
        let reference = try WorkPrecision.reference(Self.oscillator, at: Self.times, with: .init(.dop853))
        #expect(WorkPrecision.error(reference, reference: Self.exact, floor: 1e-3) < 1e-11)
    }

    /// Tighter tolerances buy smaller errors with more work, for every method.
    @Test func errorFallsAndWorkGrowsAsTheToleranceTightens() throws {
        let tolerances = [1e-3, 1e-5, 1e-7, 1e-9].map { (relative: $0, absolute: $0) }
        let points = try WorkPrecision.sweep(
            Self.oscillator, methods: [.init(.bs3), .init(.dopri5), .init(.tsit5), .init(.rodas5P)],
            tolerances: tolerances, at: Self.times, reference: Self.exact, errorFloor: 1e-3, repeats: 2)
        #expect(points.count == 16)
        for method in ["bs3", "dopri5", "tsit5", "rodas5p"] {
            let row = points.filter { $0.method == method }
            #expect(row.allSatisfy { $0.status == .success && $0.medianSeconds > 0 && $0.repeats == 2 })
            // Four decades of tolerance: at least two decades of error, every step down.
            for (loose, tight) in zip(row, row.dropFirst()) {
                #expect(tight.error < loose.error, "\(method): \(loose.error) → \(tight.error)")
                #expect(tight.functionEvaluations > loose.functionEvaluations)
            }
            #expect(row.last!.error < 1e-2 * row.first!.error, "\(method)")
        }
        let csv = WorkPrecision.csv(points)
        #expect(csv.split(separator: "\n").count == 17 && csv.hasPrefix(WorkPrecisionPoint.csvHeader))
    }

    @Test func failedSolvesHaveInfiniteErrorAndAFailedReferenceThrows() throws {
        let blowUp = try ODEProblem(ClosureVectorField(dimension: 1) { _, y, dy in dy[0] = y[0] * y[0] }, y0: [1], from: 0, to: 2)
        #expect(throws: WorkPrecisionError.self) { try WorkPrecision.reference(blowUp, at: [2], with: .init(.dop853)) }
        let points = try WorkPrecision.sweep(blowUp, methods: [.init(.dopri5)], tolerances: [(1e-6, 1e-6)], at: [2], reference: [[0]], repeats: 1)
        #expect(points[0].error == .infinity && points[0].status != .success)
        #expect(points[0].csvRow.contains(",,"))
    }
}
