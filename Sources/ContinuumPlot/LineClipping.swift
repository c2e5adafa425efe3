/// Liang–Barsky clipping of a segment to a rectangle.
enum LineClipping {
    /// The part of the segment `a`–`b` inside `rect`, or `nil` when none of it is. The flags say whether
    /// each end was moved, i.e. whether the segment enters or leaves the rectangle there.
    static func clip(
        _ a: Point, _ b: Point, to rect: Rect
    ) -> (start: Point, end: Point, startClipped: Bool, endClipped: Bool)? {
        let dx = b.x - a.x, dy = b.y - a.y
        var enter = 0.0, exit = 1.0
        // Each boundary as (p, q): the segment is inside that boundary where p·t ≤ q.
        let boundaries = [(-dx, a.x - rect.x), (dx, rect.maxX - a.x), (-dy, a.y - rect.y), (dy, rect.maxY - a.y)]
        for (p, q) in boundaries {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let t = q / p
            if p < 0 {
                enter = max(enter, t)
            } else {
                exit = min(exit, t)
            }
            if enter > exit { return nil }
        }
        let start = enter > 0 ? Point(x: a.x + enter * dx, y: a.y + enter * dy) : a
        let end = exit < 1 ? Point(x: a.x + exit * dx, y: a.y + exit * dy) : b
        return (start, end, enter > 0, exit < 1)
    }
}
