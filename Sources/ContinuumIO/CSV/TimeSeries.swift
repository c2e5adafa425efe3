/// A multivariate time series: strictly increasing, possibly irregular times and, at each time, one
/// value per named column, some of which may be missing.
///
/// Values are stored row-major (`values[row * dimension + column]`) with NaN where a value is
/// missing, and the mask ``observed`` says which values are present; a fitting loss sums only over
/// observed entries. Every column has at least one observed value.
///
/// ```swift
/// let series = try TimeSeries(contentsOf: URL(fileURLWithPath: "Data/lynx_hare.csv"))
/// series.timeName      // "year"
/// series.columnNames   // ["hare", "lynx"]
/// series.times[0]      // 1900
/// series.value(row: 0, column: 1)   // 4.0
/// ```
public struct TimeSeries: Equatable, Sendable {
    /// The fewest rows a series read from a file or built from arrays may have.
    public static let minimumRows = 3

    /// The sample times, strictly increasing.
    public let times: [Double]
    /// The names of the value columns, in order.
    public let columnNames: [String]
    /// The name of the time column.
    public let timeName: String
    /// The values, row-major (`count × dimension`), NaN where missing.
    public let values: [Double]
    /// The observation mask, row-major like ``values``: `true` where a value is present.
    public let observed: [Bool]

    /// The number of rows (sample times).
    public var count: Int { times.count }
    /// The number of value columns.
    public var dimension: Int { columnNames.count }

    /// Two series are equal when their times, names and masks are equal and their observed values
    /// are equal (missing values are NaN, which would otherwise never compare equal).
    public static func == (lhs: TimeSeries, rhs: TimeSeries) -> Bool {
        lhs.times == rhs.times && lhs.columnNames == rhs.columnNames && lhs.timeName == rhs.timeName
            && lhs.observed == rhs.observed
            && zip(lhs.values, zip(rhs.values, lhs.observed)).allSatisfy { x, other in !other.1 || x == other.0 }
    }

    /// Whether the value at 0-based `row` and `column` is present.
    public func isObserved(row: Int, column: Int) -> Bool { observed[row * dimension + column] }

    /// The value at 0-based `row` and `column`, or `nil` when it is missing.
    public func value(row: Int, column: Int) -> Double? {
        isObserved(row: row, column: column) ? values[row * dimension + column] : nil
    }

    /// How many values of each column are observed.
    public var observedCounts: [Int] {
        var counts = [Int](repeating: 0, count: dimension)
        for (index, present) in observed.enumerated() where present { counts[index % dimension] += 1 }
        return counts
    }

    /// A series from arrays, checked like a file: at least ``minimumRows`` rows, finite strictly
    /// increasing times, finite observed values, every column observed at least once, unique
    /// non-empty names.
    ///
    /// - Parameters:
    ///   - values: row-major, `times.count × columnNames.count`.
    ///   - observed: the mask; by default a value is observed unless it is NaN. Unobserved values
    ///     are stored as NaN whatever was passed.
    public init(
        times: [Double], values: [Double], columnNames: [String], timeName: String = "t", observed: [Bool]? = nil
    ) throws(TimeSeriesError) {
        let dimension = columnNames.count
        guard values.count == times.count * dimension else {
            throw TimeSeriesError(.shapeMismatch(
                "\(values.count) values for \(times.count) times and \(dimension) columns (expected \(times.count * dimension))"))
        }
        if let observed, observed.count != values.count {
            throw TimeSeriesError(.shapeMismatch("the mask has \(observed.count) entries for \(values.count) values"))
        }
        try Self.checkNames(columnNames, timeName: timeName)
        guard times.count >= Self.minimumRows else {
            throw TimeSeriesError(.tooFewRows(found: times.count, minimum: Self.minimumRows))
        }
        let mask = observed ?? values.map { !$0.isNaN }
        for (row, t) in times.enumerated() {
            let location = CSVLocation(row: row + 1, column: CSVColumn(index: 1, name: timeName))
            guard t.isFinite else { throw TimeSeriesError(.nonFinite(JSONText.number(t)), at: location) }
            try Self.checkOrder(times, row: row, at: location)
        }
        for (index, x) in values.enumerated() where mask[index] && !x.isFinite {
            let column = CSVColumn(index: index % dimension + 2, name: columnNames[index % dimension])
            throw TimeSeriesError(.nonFinite("\(x)"), at: CSVLocation(row: index / dimension + 1, column: column))
        }
        self.init(unchecked: times, values: values, observed: mask, columnNames: columnNames, timeName: timeName)
        try checkEveryColumnObserved()
    }

    /// A series whose invariants the caller has established; unobserved values become NaN.
    init(unchecked times: [Double], values: [Double], observed: [Bool], columnNames: [String], timeName: String) {
        self.times = times
        self.values = zip(values, observed).map { $1 ? $0 : .nan }
        self.observed = observed
        self.columnNames = columnNames
        self.timeName = timeName
    }

    /// Throws ``TimeSeriesError/Reason/noObservations`` for the first column with no observed value.
    /// `columnIndices` gives each column's 1-based position in the file (default: after the time).
    func checkEveryColumnObserved(columnIndices: [Int]? = nil) throws(TimeSeriesError) {
        for (column, n) in observedCounts.enumerated() where n == 0 {
            let index = columnIndices?[column] ?? column + 2
            throw TimeSeriesError(.noObservations, at: CSVLocation(column: CSVColumn(index: index, name: columnNames[column])))
        }
    }

    /// Throws when `times[row]` does not come strictly after `times[row - 1]`.
    static func checkOrder(_ times: [Double], row: Int, at location: CSVLocation) throws(TimeSeriesError) {
        guard row > 0, times[row] <= times[row - 1] else { return }
        throw TimeSeriesError(.nonIncreasingTime(previous: times[row - 1], time: times[row]), at: location)
    }

    private static func checkNames(_ names: [String], timeName: String) throws(TimeSeriesError) {
        guard !names.isEmpty else { throw TimeSeriesError(.noValueColumns) }
        var seen: Set<String> = []
        for name in [timeName] + names {
            guard !name.isEmpty else { throw TimeSeriesError(.shapeMismatch("a column name is empty")) }
            guard seen.insert(name).inserted else { throw TimeSeriesError(.repeatedColumn(name)) }
        }
    }
}
