/// Marching squares: each grid cell contributes the segments where the bilinear surface crosses
/// the level (crossings linearly interpolated along cell edges; saddles split by the cell's mean),
/// and segments are chained into polylines through the edges they share.
///
/// With a `border` value the grid is surrounded by a ring of points of that value, one cell
/// outside; the crossings to it sit on the grid's own edge (interpolation with an infinite value),
/// so every line closes along the boundary.
struct MarchingSquares {
    let grid: ContourGrid
    let level: Double
    let border: Double?

    /// A crossing point, identified by the grid edge it lies on (so neighbouring cells agree).
    private struct Edge: Hashable {
        var column: Int
        var row: Int
        var vertical: Bool
    }

    private var columns: Int { grid.x.count + (border == nil ? 0 : 2) }
    private var rows: Int { grid.y.count + (border == nil ? 0 : 2) }
    private var offset: Int { border == nil ? 0 : 1 }

    private func value(_ column: Int, _ row: Int) -> Double {
        let c = column - offset, r = row - offset
        if c < 0 || r < 0 || c >= grid.x.count || r >= grid.y.count { return border! }
        return grid.value(c, r)
    }

    private func coordinate(_ column: Int, _ row: Int) -> (x: Double, y: Double) {
        let c = min(max(column - offset, 0), grid.x.count - 1), r = min(max(row - offset, 0), grid.y.count - 1)
        return (grid.x[c], grid.y[r])
    }

    /// Where the level crosses `edge`, by linear interpolation (at the finite end when the other
    /// value is infinite).
    private func point(_ edge: Edge) -> (x: Double, y: Double) {
        let (c1, r1) = (edge.column, edge.row)
        let (c2, r2) = edge.vertical ? (c1, r1 + 1) : (c1 + 1, r1)
        let v1 = value(c1, r1), v2 = value(c2, r2)
        let p1 = coordinate(c1, r1), p2 = coordinate(c2, r2)
        var t = 0.5
        if v1.isInfinite && v2.isInfinite {
            t = 0.5
        } else if v1.isInfinite {
            t = 1
        } else if v2.isInfinite {
            t = 0
        } else if v1 != v2 {
            t = min(max((level - v1) / (v2 - v1), 0), 1)
        }
        return (p1.x + t * (p2.x - p1.x), p1.y + t * (p2.y - p1.y))
    }

    private func segments() -> [(Edge, Edge)] {
        var result: [(Edge, Edge)] = []
        for row in 0..<(rows - 1) {
            for column in 0..<(columns - 1) {
                // Corners counter-clockwise from bottom-left; bit set when above the level.
                let corners = [value(column, row), value(column + 1, row), value(column + 1, row + 1), value(column, row + 1)]
                let above = corners.map { $0 > level }
                let bottom = Edge(column: column, row: row, vertical: false)
                let right = Edge(column: column + 1, row: row, vertical: true)
                let top = Edge(column: column, row: row + 1, vertical: false)
                let left = Edge(column: column, row: row, vertical: true)
                let sides = [bottom, right, top, left]
                // Side k joins corners k and k+1; it is crossed when they differ.
                let crossed = (0..<4).filter { above[$0] != above[($0 + 1) % 4] }
                if crossed.count == 2 {
                    result.append((sides[crossed[0]], sides[crossed[1]]))
                } else if crossed.count == 4 {
                    let finite = corners.filter(\.isFinite)
                    let mean = finite.isEmpty ? Double.infinity : finite.reduce(0, +) / Double(finite.count)
                    // The centre decides which diagonal pair of corners is connected.
                    if (mean > level) == above[0] {
                        result.append((sides[0], sides[1]))
                        result.append((sides[2], sides[3]))
                    } else {
                        result.append((sides[3], sides[0]))
                        result.append((sides[1], sides[2]))
                    }
                }
            }
        }
        return result
    }

    func polylines() -> [ContourLine] {
        let pieces = segments()
        var neighbours: [Edge: [Int]] = [:]
        for (index, piece) in pieces.enumerated() {
            neighbours[piece.0, default: []].append(index)
            neighbours[piece.1, default: []].append(index)
        }
        var used = [Bool](repeating: false, count: pieces.count)
        func other(_ index: Int, _ edge: Edge) -> Edge { pieces[index].0 == edge ? pieces[index].1 : pieces[index].0 }
        func walk(from edge: Edge, after index: Int) -> [Edge] {
            var chain: [Edge] = []
            var current = other(index, edge), last = index
            while true {
                chain.append(current)
                guard let next = neighbours[current]?.first(where: { $0 != last && !used[$0] }) else { break }
                used[next] = true
                last = next
                current = other(next, current)
            }
            return chain
        }
        var lines: [ContourLine] = []
        // Open lines start at edges with a single segment (the grid's boundary); then closed loops.
        let starts = pieces.indices.sorted { (neighbours[pieces[$0].0]?.count ?? 0) < (neighbours[pieces[$1].0]?.count ?? 0) }
        for index in starts where !used[index] {
            used[index] = true
            let (a, b) = pieces[index]
            var chain = [a] + walk(from: a, after: index)
            if chain.last != a, neighbours[a]?.count == 2 {
                // Started in the middle of an open line: extend backwards too.
                chain = walk(from: b, after: index).reversed() + chain
            }
            let points = chain.map(point)
            lines.append(ContourLine(x: points.map(\.x), y: points.map(\.y), isClosed: chain.count > 2 && chain.first == chain.last))
        }
        return lines
    }
}
