import Foundation
import Testing
@testable import ContinuumPlot

struct WritingTests {
    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("continuum-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func writesTheSVGAndLeavesNoTemporaryFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("plot.svg")
        try Data("old".utf8).write(to: url)

        var plot = LinePlot(title: "written")
        plot.addLine(x: [0, 1, 2], y: [1, 0, 1], label: "v")
        try plot.write(to: url, width: 640, height: 480)

        #expect(try String(contentsOf: url, encoding: .utf8) == plot.svg(width: 640, height: 480))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["plot.svg"])
    }

    @Test func failureToWriteIsAPlotError() throws {
        var plot = LinePlot()
        plot.addLine(x: [0, 1], y: [0, 1])
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/plot.svg")
        do {
            try plot.write(to: url)
            Issue.record("writing into a missing directory succeeded")
        } catch {
            guard case .writeFailed(let path, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == url.path)
        }
    }

    @Test func figuresHoldSeveralPlotsWithTheirOwnClipPaths() throws {
        var first = LinePlot(title: "one")
        first.addLine(x: [0, 1], y: [0, 1])
        var second = LinePlot(title: "two")
        second.addScatter(x: [1, 10, 100], y: [3, 2, 1], marker: .diamond)
        second.xScale = .logarithmic
        var figure = Figure(columns: 2)
        figure.add(first)
        figure.add(second)
        let tree = SVGTree(try figure.svg(width: 1000, height: 400))
        #expect(tree.isWellFormed)
        let ids = tree.all("clipPath").compactMap { $0.attributes["id"] }
        #expect(ids.count == 2 && Set(ids).count == 2)
        #expect(tree.all("text").filter { $0.attributes["class"] == "title" }.map(\.text) == ["one", "two"])
        let frames = tree.within("frame", "rect").compactMap { $0.attributes["x"].flatMap(Double.init) }
        #expect(frames.count == 2 && frames[1] > 500)
    }
}
