import Testing
@testable import ContinuumPlot

struct PathDataTests {
    let area = Rect(x: 0, y: 0, width: 100, height: 100)

    func path(_ points: [Point?]) -> String {
        var data = PathData(clip: area)
        for point in points { data.add(point) }
        return data.finish()
    }

    func subpathCount(_ data: String) -> Int {
        data.filter { $0 == "M" }.count
    }

    @Test func continuousPointsMakeOneSubpath() {
        let data = path([Point(x: 10, y: 10), Point(x: 20, y: 30), Point(x: 40, y: 35.125)])
        #expect(data == "M10 10 L20 30 40 35.13")
    }

    @Test func gapsStartNewSubpaths() {
        let points: [Point?] = [Point(x: 10, y: 10), Point(x: 20, y: 20), nil, Point(x: 30, y: 30),
                                Point(x: 40, y: 40), Point(x: .nan, y: 5), Point(x: 50, y: 50), Point(x: 60, y: 60)]
        let data = path(points)
        #expect(subpathCount(data) == 3)
        #expect(!data.contains("nan") && !data.contains("inf"))
    }

    @Test func segmentsLeavingTheAreaAreClipped() {
        // Up through the top edge and back down: two pieces, all inside the area.
        let data = path([Point(x: 10, y: 50), Point(x: 30, y: -50), Point(x: 50, y: -50), Point(x: 70, y: 50)])
        #expect(subpathCount(data) == 2)
        for (x, y) in pathPoints(data) {
            #expect(area.contains(Point(x: x, y: y)), "(\(x), \(y)) lies outside")
        }
        #expect(data.hasPrefix("M10 50 L20 0"))
    }

    @Test func segmentsEntirelyOutsideAreDropped() {
        #expect(path([Point(x: -10, y: -10), Point(x: -20, y: 200), Point(x: 500, y: 500)]).isEmpty)
    }

    @Test func subPixelStepsAreThinnedButEndpointsKept() {
        let points = (0...100).map { Point(x: 10 + Double($0) * 0.01, y: 10) }
        let data = path(points)
        #expect(pathPoints(data).count < 10)
        #expect(data.hasPrefix("M10 10") && data.hasSuffix("11 10"))
    }

    @Test func clippingReportsWhichEndsMoved() {
        let clipped = LineClipping.clip(Point(x: -50, y: 50), Point(x: 50, y: 50), to: area)
        #expect(clipped?.start == Point(x: 0, y: 50) && clipped?.startClipped == true && clipped?.endClipped == false)
        #expect(LineClipping.clip(Point(x: -50, y: -1), Point(x: 150, y: -1), to: area) == nil)
    }
}
