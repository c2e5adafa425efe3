import Foundation

/// Several plots on one SVG canvas, filled row by row into a grid of equal cells.
///
/// ```swift
/// var figure = Figure(columns: 2)
/// figure.add(solutionPlot)
/// figure.add(errorPlot)
/// try figure.write(to: URL(fileURLWithPath: "report.svg"), width: 1200, height: 450)
/// ```
public struct Figure: Sendable {
    /// The panels, filled into the grid row by row.
    public var plots: [LinePlot]
    /// Cells per row; rows are added as needed.
    public var columns: Int

    /// A figure of `plots` arranged in `columns` columns.
    public init(plots: [LinePlot] = [], columns: Int = 1) {
        self.plots = plots
        self.columns = columns
    }

    /// Appends a panel.
    public mutating func add(_ plot: LinePlot) {
        plots.append(plot)
    }

    /// The figure as a standalone SVG document of `width` × `height` pixels.
    public func svg(width: Double, height: Double) throws(PlotError) -> String {
        guard !plots.isEmpty else { throw .noData }
        guard columns >= 1 else { throw .invalidColumnCount(columns) }
        guard width.isFinite, height.isFinite, width > 0, height > 0 else {
            throw .invalidSize(width: width, height: height)
        }
        let columnCount = min(columns, plots.count)
        let rowCount = (plots.count + columnCount - 1) / columnCount
        let cellWidth = width / Double(columnCount), cellHeight = height / Double(rowCount)
        var document = SVGDocument(width: width, height: height)
        for (index, plot) in plots.enumerated() {
            let cell = Rect(x: Double(index % columnCount) * cellWidth, y: Double(index / columnCount) * cellHeight,
                            width: cellWidth, height: cellHeight)
            do {
                try plot.draw(in: cell, into: &document, id: "plot\(index + 1)")
            } catch .invalidSize {
                throw .invalidSize(width: width, height: height)
            }
        }
        return document.render()
    }

    /// Writes ``svg(width:height:)`` to `url` atomically (temporary file, then rename).
    public func write(to url: URL, width: Double, height: Double) throws(PlotError) {
        try AtomicWrite.write(svg(width: width, height: height), to: url)
    }
}
