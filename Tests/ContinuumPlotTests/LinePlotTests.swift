import Foundation
import Testing
@testable import ContinuumPlot

struct LinePlotTests {
    static func lorenzLikePlot() -> LinePlot {
        let t = (0...400).map { Double($0) * 0.05 }
        var plot = LinePlot(title: "Lorenz", xLabel: "t", yLabel: "state")
        plot.addLine(x: t, y: t.map { 18 * sin($0) }, label: "x")
        plot.addLine(x: t, y: t.map { 20 * cos(1.3 * $0) }, label: "y")
        plot.addLine(x: t, y: t.map { 25 + 20 * sin(0.7 * $0) }, label: "z")
        plot.addScatter(x: [1, 5, 9], y: [10, 20, 30], label: "observed")
        return plot
    }

    @Test func svgIsWellFormedXMLWithEveryPart() throws {
        let tree = SVGTree(try Self.lorenzLikePlot().svg(width: 800, height: 500))
        #expect(tree.isWellFormed, "\(tree.parseError ?? "")")
        let root = try #require(tree.all("svg").first)
        #expect(root.attributes["width"] == "800" && root.attributes["viewBox"] == "0 0 800 500")
        #expect(tree.all("text").contains { $0.attributes["class"] == "title" && $0.text == "Lorenz" })
        #expect(tree.all("text").contains { $0.attributes["class"] == "x-label" && $0.text == "t" })
        #expect(tree.all("text").contains { $0.attributes["class"] == "y-label" && $0.text == "state" })
        #expect(tree.within("x-tick-labels", "text").map(\.text) == ["0", "5", "10", "15", "20"])
        #expect(tree.within("legend", "text").map(\.text) == ["x", "y", "z", "observed"])
    }

    @Test func seriesGetDistinctColoursAndAreClipped() throws {
        let tree = SVGTree(try Self.lorenzLikePlot().svg())
        let lines = tree.within("series", "path").filter { $0.attributes["fill"] == "none" }
        #expect(lines.count == 3)
        #expect(Set(lines.compactMap { $0.attributes["stroke"] }).count == 3)
        let markers = tree.within("series", "path").filter { $0.attributes["fill"] != "none" }
        #expect(markers.count == 1 && markers[0].attributes["fill"] != lines[0].attributes["stroke"])
        let clipID = try #require(tree.all("clipPath").first?.attributes["id"])
        #expect(tree.all("g").contains { $0.attributes["clip-path"] == "url(#\(clipID))" })
    }

    @Test func limitsClipLinesToThePlotArea() throws {
        var plot = LinePlot()
        let x = (0...200).map { Double($0) / 20 }
        plot.addLine(x: x, y: x.map { 5 * sin($0) })
        plot.yAxis.limits = -1...1
        plot.xAxis.limits = 2...8
        let tree = SVGTree(try plot.svg(width: 600, height: 400))
        let clip = try #require(tree.within("frame", "rect").first)
        let left = Double(clip.attributes["x"]!)!, top = Double(clip.attributes["y"]!)!
        let right = left + Double(clip.attributes["width"]!)!, bottom = top + Double(clip.attributes["height"]!)!
        let data = try #require(tree.within("series", "path").first?.attributes["d"])
        #expect(data.filter { $0 == "M" }.count > 1, "the sine leaves the window and comes back")
        for (px, py) in pathPoints(data) {
            #expect(px >= left - 1 && px <= right + 1 && py >= top - 1 && py <= bottom + 1, "(\(px), \(py))")
        }
    }

    @Test func nanAndInfinityBreakTheLine() throws {
        var plot = LinePlot()
        plot.addLine(x: [0, 1, 2, 3, 4, 5, 6, 7], y: [0, 1, .nan, 3, 4, -.infinity, 6, 7])
        let svg = try plot.svg()
        let tree = SVGTree(svg)
        #expect(tree.isWellFormed)
        let data = try #require(tree.within("series", "path").first?.attributes["d"])
        #expect(data.filter { $0 == "M" }.count == 3)
        #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
    }

    @Test func pathDataIsCompact() throws {
        let data = try #require(SVGTree(try Self.lorenzLikePlot().svg()).within("series", "path").first?.attributes["d"])
        let decimals = data.split(whereSeparator: { !$0.isNumber && $0 != "." }).map { token in
            token.split(separator: ".").dropFirst().first?.count ?? 0
        }
        #expect(decimals.max() ?? 0 <= 2)
    }

    @Test func textIsEscaped() throws {
        var plot = LinePlot(title: #"<script>alert("x & y")</script>"#, xLabel: "a < b", yLabel: "it's > 0")
        plot.addLine(x: [0, 1], y: [0, 1], label: "R&D \"quoted\"\u{7}")
        let svg = try plot.svg()
        #expect(!svg.contains("<script>"))
        let tree = SVGTree(svg)
        #expect(tree.isWellFormed, "\(tree.parseError ?? "")")
        #expect(tree.all("text").contains { $0.text == #"<script>alert("x & y")</script>"# })
        #expect(tree.all("text").contains { $0.text == "a < b" })
        #expect(tree.all("text").contains { $0.text == "it's > 0" })
        #expect(tree.within("legend", "text").first?.text == "R&D \"quoted\"")
    }

    @Test func constantDataGetsARange() throws {
        var plot = LinePlot()
        plot.addLine(x: [0, 1, 2], y: [3, 3, 3])
        plot.addScatter(x: [1], y: [3])
        let tree = SVGTree(try plot.svg())
        let labels = tree.within("y-tick-labels", "text").compactMap { Double($0.text) }
        #expect(labels.count >= 2 && labels.min()! < 3 && labels.max()! > 3)
        #expect(tree.within("series", "path").count == 2)
    }

    @Test func logarithmicAxesUseDecades() throws {
        var plot = LinePlot(xLabel: "h", yLabel: "error")
        let h = (0..<9).map { 0.5 / pow(2, Double($0)) }
        plot.addLine(x: h, y: h.map { pow($0, 4) }, label: "RK4", marker: .circle)
        plot.xScale = .logarithmic
        plot.yScale = .logarithmic
        let tree = SVGTree(try plot.svg())
        #expect(tree.isWellFormed)
        #expect(tree.within("x-tick-labels", "text").map(\.text) == ["10⁻³", "10⁻²", "10⁻¹", "10⁰"])
        #expect(tree.within("y-tick-labels", "text").allSatisfy { $0.text.hasPrefix("10") })
    }

    @Test func legendAvoidsTheData() throws {
        // A rising diagonal covers the bottom-left and top-right corners.
        var plot = LinePlot()
        plot.addLine(x: [0, 10], y: [0, 10], label: "diagonal")
        let tree = SVGTree(try plot.svg())
        let frame = try #require(tree.within("frame", "rect").first)
        let box = try #require(tree.within("legend", "rect").first)
        let frameX = Double(frame.attributes["x"]!)!, frameWidth = Double(frame.attributes["width"]!)!
        let frameY = Double(frame.attributes["y"]!)!, frameHeight = Double(frame.attributes["height"]!)!
        let boxX = Double(box.attributes["x"]!)!, boxY = Double(box.attributes["y"]!)!
        #expect(boxX < frameX + frameWidth / 2 && boxY < frameY + frameHeight / 2, "top left expected")

        // Noise everywhere leaves no free corner: the legend moves outside.
        var crowded = LinePlot()
        let x = (0...2000).map { Double($0) }
        crowded.addLine(x: x, y: x.map { sin($0 * 1.7) }, label: "noise")
        let crowdedTree = SVGTree(try crowded.svg())
        let crowdedFrame = try #require(crowdedTree.within("frame", "rect").first)
        let outside = Double(crowdedFrame.attributes["x"]!)! + Double(crowdedFrame.attributes["width"]!)!
        let legendX = try #require(crowdedTree.within("legend", "rect").first?.attributes["x"].flatMap(Double.init))
        #expect(legendX > outside)
    }

    @Test func hiddenOrUnlabelledSeriesHaveNoLegend() throws {
        var plot = LinePlot()
        plot.addLine(x: [0, 1], y: [0, 1])
        #expect(SVGTree(try plot.svg()).within("legend", "rect").isEmpty)
        plot.addLine(x: [0, 1], y: [1, 0], label: "shown")
        plot.legendPosition = .hidden
        #expect(SVGTree(try plot.svg()).within("legend", "rect").isEmpty)
    }

    @Test func manySeriesCycleColoursThenDashes() throws {
        var plot = LinePlot()
        for k in 0..<10 { plot.addLine(x: [0, 1], y: [Double(k), Double(k) + 1]) }
        let lines = SVGTree(try plot.svg()).within("series", "path")
        #expect(lines.count == 10)
        let looks = Set(lines.map { "\($0.attributes["stroke"] ?? "") \($0.attributes["stroke-dasharray"] ?? "")" })
        #expect(looks.count == 10)
    }
}
