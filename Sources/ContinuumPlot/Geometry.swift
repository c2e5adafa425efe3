/// A point in SVG pixel coordinates (y grows downwards).
struct Point: Equatable {
    var x: Double
    var y: Double
}

/// An axis-aligned rectangle in SVG pixel coordinates.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func contains(_ point: Point) -> Bool {
        point.x >= x && point.x <= maxX && point.y >= y && point.y <= maxY
    }

    func insetBy(_ amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}

/// Rough text extents for layout. SVG has no font metrics before rendering; these overestimate
/// DejaVu Sans and Helvetica slightly so that labels get room rather than overlap.
enum TextMetrics {
    static func width(of text: String, fontSize: Double) -> Double {
        Double(text.count) * 0.62 * fontSize
    }
}
