import Foundation
import Testing
@testable import ContinuumPlot

struct ContourTests {
    /// `f(x, y)` on an `n × n` grid over `[-2, 2]²`.
    static func grid(_ n: Int = 81, _ f: (Double, Double) -> Double) throws -> ContourGrid {
        let axis = (0..<n).map { -2 + 4 * Double($0) / Double(n - 1) }
        return try ContourGrid(x: axis, y: axis, values: axis.flatMap { y in axis.map { x in f(x, y) } })
    }

    /// Shoelace area of a closed polyline.
    static func area(_ line: ContourLine) -> Double {
        var sum = 0.0
        for k in 0..<(line.x.count - 1) { sum += line.x[k] * line.y[k + 1] - line.x[k + 1] * line.y[k] }
        return abs(sum) / 2
    }

    @Test func circleIsOneClosedLineOnTheCircle() throws {
        let lines = try Self.grid { $0 * $0 + $1 * $1 }.lines(at: 1)
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.isClosed && line.x.first == line.x.last)
        // Linear interpolation of r² between nodes 0.05 apart: radius off by at most ~h²/8.
        for (x, y) in zip(line.x, line.y) { #expect(abs((x * x + y * y).squareRoot() - 1) < 2e-3) }
        #expect(abs(Self.area(line) - Double.pi) < 5e-3)
    }

    @Test func planeGivesOneOpenLineAcrossTheGrid() throws {
        let lines = try Self.grid { x, _ in x - 0.3 }.lines(at: 0)
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(!line.isClosed)
        #expect(Set(line.x.map { ($0 * 1e9).rounded() / 1e9 }) == [0.3])
        #expect(Set([line.y.first!, line.y.last!]) == [-2, 2])
    }

    /// `{r² > 1}` inside the square: the square's border and the circle as two rings, so that the
    /// even-odd fill covers 16 − π.
    @Test func regionAboveIsTheSquareWithACircularHole() throws {
        let rings = try Self.grid { $0 * $0 + $1 * $1 }.regionBoundaries(at: 1, below: false)
        #expect(rings.count == 2 && rings.allSatisfy(\.isClosed))
        let areas = rings.map(Self.area).sorted()
        #expect(abs(areas[0] - Double.pi) < 5e-3 && abs(areas[1] - 16) < 1e-9)
        let below = try Self.grid { $0 * $0 + $1 * $1 }.regionBoundaries(at: 1, below: true)
        #expect(below.count == 1 && abs(Self.area(below[0]) - Double.pi) < 5e-3)
    }

    /// Two discs that touch diagonally through a saddle cell stay two lines, never a figure eight.
    @Test func saddlesAreResolvedConsistently() throws {
        let lines = try Self.grid(41) { x, y in min((x - 1) * (x - 1) + (y - 1) * (y - 1), (x + 1) * (x + 1) + (y + 1) * (y + 1)) }
            .lines(at: 0.8)
        #expect(lines.count == 2 && lines.allSatisfy(\.isClosed))
    }

    @Test func malformedGridsAreTypedErrors() {
        #expect(throws: PlotError.self) { try ContourGrid(x: [0], y: [0, 1], values: [0, 0]) }
        #expect(throws: PlotError.self) { try ContourGrid(x: [0, 1], y: [0, 1], values: [0, 0, 0]) }
        #expect(throws: PlotError.self) { try ContourGrid(x: [1, 0], y: [0, 1], values: [0, 0, 0, 0]) }
    }

    @Test func filledContourIsDrawnEvenOddUnderItsLine() throws {
        var plot = LinePlot(title: "region", xLabel: "Re z", yLabel: "Im z")
        plot.addContour(try Self.grid { $0 * $0 + $1 * $1 }, level: 1, label: "r = 1", fillBelow: 0.3)
        plot.addScatter(x: [0.5], y: [0.5], label: "point")
        let tree = SVGTree(try plot.svg())
        #expect(tree.isWellFormed)
        let fills = tree.within("series", "path").filter { $0.attributes["class"] == "fill" }
        #expect(fills.count == 1 && fills[0].attributes["fill-rule"] == "evenodd" && fills[0].attributes["fill-opacity"] == "0.3")
        #expect(tree.within("legend", "text").map(\.text) == ["r = 1", "point"])
    }

    @Test func badOpacityIsReported() {
        var plot = LinePlot()
        plot.addPolygons(x: [0, 1, 0], y: [0, 0, 1], opacity: 2)
        #expect(throws: PlotError.self) { try plot.svg() }
    }

    /// With `aspectRatio = 1` a unit takes as many pixels along x as along y.
    @Test func equalAspectMakesUnitsSquare() throws {
        var plot = LinePlot()
        plot.addLine(x: [-6, 2], y: [-5, 5])
        plot.xAxis.limits = -6...2
        plot.yAxis.limits = -5...5
        plot.aspectRatio = 1
        let tree = SVGTree(try plot.svg(width: 900, height: 500))
        let frame = try #require(tree.within("frame", "rect").first)
        let width = Double(frame.attributes["width"]!)!, height = Double(frame.attributes["height"]!)!
        #expect(abs(width / 8 - height / 10) < 0.2, "\(width) × \(height)")
    }
}
