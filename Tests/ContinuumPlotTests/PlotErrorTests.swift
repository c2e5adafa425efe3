import Foundation
import Testing
@testable import ContinuumPlot

struct PlotErrorTests {
    func error(_ plot: LinePlot, width: Double = 800, height: Double = 500) -> PlotError? {
        do {
            _ = try plot.svg(width: width, height: height)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyInput() {
        #expect(error(LinePlot()) == .noData)
        var plot = LinePlot()
        plot.addLine(x: [], y: [], label: "a")
        #expect(error(plot) == .emptySeries(series: "\"a\""))
        #expect(throws: PlotError.noData) { try Figure().svg(width: 100, height: 100) }
    }

    @Test func mismatchedLengthsNameTheSeries() {
        var plot = LinePlot()
        plot.addLine(x: [0, 1], y: [0, 1])
        plot.addScatter(x: [0, 1, 2], y: [0, 1])
        #expect(error(plot) == .lengthMismatch(series: "#2", xCount: 3, yCount: 2))
    }

    @Test func nonPositiveValuesOnLogarithmicAxes() {
        var plot = LinePlot()
        plot.addLine(x: [1, 2, 3], y: [1e-3, 0, 1e-5], label: "error")
        plot.yScale = .logarithmic
        let failure = error(plot)
        #expect(failure == .nonPositiveOnLogarithmicAxis(axis: .y, series: "\"error\"", index: 1, value: 0))
        #expect(failure?.description.contains("logarithmic") == true)
        plot.yScale = .linear
        plot.xScale = .logarithmic
        #expect(error(plot) == nil)
        plot.addLine(x: [-1, 1], y: [1, 1])
        #expect(error(plot) == .nonPositiveOnLogarithmicAxis(axis: .x, series: "#2", index: 0, value: -1))
    }

    @Test func onlyNonFiniteData() {
        var plot = LinePlot()
        plot.addLine(x: [0, .nan], y: [.infinity, 1])
        #expect(error(plot) == .noFinitePoints)
    }

    @Test func badLimits() {
        var plot = LinePlot()
        plot.addLine(x: [1, 2], y: [1, 2])
        plot.yAxis.limits = 2...2
        #expect(error(plot) == .invalidLimits(axis: .y, lower: 2, upper: 2, reason: "the range is empty"))
        plot.yAxis.limits = nil
        plot.xAxis = Axis(label: "h", scale: .logarithmic, limits: 0...1)
        if case .invalidLimits(.x, _, _, let reason) = error(plot) {
            #expect(reason.contains("positive"))
        } else {
            Issue.record("expected invalid x limits")
        }
        plot.xAxis.limits = 1...Double.infinity
        #expect(error(plot) == .invalidLimits(axis: .x, lower: 1, upper: .infinity, reason: "limits must be finite"))
    }

    @Test func unusableSizes() {
        var plot = LinePlot(title: "t", xLabel: "x", yLabel: "y")
        plot.addLine(x: [1, 2], y: [1, 2])
        #expect(error(plot, width: 60, height: 500) == .invalidSize(width: 60, height: 500))
        #expect(error(plot, width: 800, height: .nan).map { if case .invalidSize = $0 { true } else { false } } == true)
        #expect(error(plot, width: 0, height: 0) == .invalidSize(width: 0, height: 0))
        #expect(throws: PlotError.invalidColumnCount(0)) { try Figure(plots: [plot], columns: 0).svg(width: 800, height: 500) }
    }

    @Test func messagesSayWhatToDo() {
        #expect(PlotError.noData.description.contains("addLine"))
        #expect(PlotError.lengthMismatch(series: "#1", xCount: 3, yCount: 2).description.contains("3 x values but 2 y values"))
    }
}
