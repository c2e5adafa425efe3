/// Builds the `d` attribute of a polyline path from projected points, starting a new subpath wherever
/// the data has a gap (NaN or infinite values) or leaves the plot area, clipping segments to the plot
/// area, and dropping points that would move the pen by less than `resolution` pixels.
struct PathData {
    let clip: Rect
    let resolution: Double
    private(set) var text = ""
    /// The point before the current one, `nil` after a gap.
    private var previous: Point?
    /// The last point written into `text` while a subpath is open.
    private var lastWritten: Point?
    /// A point skipped as too close to `lastWritten`; written if the subpath ends on it.
    private var pending: Point?
    /// Whether the last command written was a line-to, so the next one may omit its letter.
    private var lineToOpen = false

    init(clip: Rect, resolution: Double = 0.25) {
        self.clip = clip
        self.resolution = resolution
    }

    /// Continues the line to `point`, or breaks it when `point` is `nil` (a gap in the data).
    mutating func add(_ point: Point?) {
        guard let point, point.x.isFinite, point.y.isFinite else {
            endSubpath()
            previous = nil
            return
        }
        defer { previous = point }
        guard let previous else { return }
        guard let segment = LineClipping.clip(previous, point, to: clip) else {
            endSubpath()
            return
        }
        if segment.startClipped || lastWritten == nil {
            endSubpath()
            write("M", segment.start)
        }
        if segment.endClipped {
            pending = nil
            write("L", segment.end)
            endSubpath()
        } else if let last = lastWritten, max(abs(point.x - last.x), abs(point.y - last.y)) < resolution {
            pending = point
        } else {
            pending = nil
            write("L", point)
        }
    }

    /// The finished path data.
    mutating func finish() -> String {
        endSubpath()
        return text
    }

    private mutating func endSubpath() {
        if let pending { write("L", pending) }
        pending = nil
        lastWritten = nil
    }

    private mutating func write(_ command: String, _ point: Point) {
        if !text.isEmpty { text += " " }
        // After "L", further coordinate pairs are implicitly line-tos; repeating the letter only adds bytes.
        if !(command == "L" && lineToOpen) { text += command }
        text += SVGNumber.format(point.x) + " " + SVGNumber.format(point.y)
        lineToOpen = command == "L"
        lastWritten = point
    }
}
