/// Why a CSV file or a set of arrays is not a usable time series, with where the problem is.
///
/// ```swift
/// do {
///     _ = try TimeSeries(csv: "t,x\n0,1\n1,abc\n2,3\n")
/// } catch {
///     print(error)   // line 3, row 2, column 2 'x': 'abc' is not a number (missing values are …)
/// }
/// ```
public struct TimeSeriesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Equatable, Sendable {
        /// The text is not well-formed CSV.
        case malformedCSV(CSVError.Reason)
        /// The file could not be read.
        case unreadableFile(path: String, reason: String)
        /// The file could not be written.
        case unwritableFile(path: String, reason: String)
        /// A requested column does not exist; `known` lists the header's names.
        case unknownColumn(String, known: [String])
        /// A column is requested twice, or as both the time and a value column.
        case repeatedColumn(String)
        /// There are no value columns besides the time column.
        case noValueColumns
        /// A cell is neither a number nor one of the ``TimeSeries/missingValueMarkers``.
        case notANumber(String)
        /// A cell holds an infinite or NaN number that is not a missing-value marker.
        case nonFinite(String)
        /// A time cell is empty or a missing-value marker.
        case missingTime
        /// The times are not strictly increasing (`previous >= time`; equal means a duplicate).
        case nonIncreasingTime(previous: Double, time: Double)
        /// Fewer rows than the `minimum` a fit needs.
        case tooFewRows(found: Int, minimum: Int)
        /// A value column has no observed value at all.
        case noObservations
        /// A holdout size that is negative or leaves fewer than 3 training rows.
        case invalidHoldout(holdout: Int, rows: Int)
        /// Arrays of inconsistent lengths were given (a description of which).
        case shapeMismatch(String)
    }

    /// What is wrong.
    public let reason: Reason
    /// Where: line and row for cell problems, the column for column problems; empty when the
    /// problem concerns the whole series.
    public let location: CSVLocation

    /// An error for `reason` at `location`.
    public init(_ reason: Reason, at location: CSVLocation = CSVLocation()) {
        self.reason = reason
        self.location = location
    }

    /// Wraps a CSV syntax error, keeping its location.
    public init(_ error: CSVError) {
        self.init(.malformedCSV(error.reason), at: error.location)
    }

    /// What went wrong, without the location.
    public var message: String {
        switch reason {
        case let .malformedCSV(reason):
            return CSVError(reason, at: location).message
        case let .unreadableFile(path, reason):
            return "cannot read '\(path)': \(reason)"
        case let .unwritableFile(path, reason):
            return "cannot write '\(path)': \(reason)"
        case let .unknownColumn(name, known):
            return "no column named '\(name)'; the columns are " + known.map { "'\($0)'" }.joined(separator: ", ")
        case let .repeatedColumn(name):
            return "the column '\(name)' is selected more than once"
        case .noValueColumns:
            return "there are no value columns besides the time column"
        case let .notANumber(text):
            return "'\(text)' is not a number (missing values are written as an empty cell, NA, NaN, null or ?)"
        case let .nonFinite(text):
            return "'\(text)' is not a finite number"
        case .missingTime:
            return "the time is missing"
        case let .nonIncreasingTime(previous, time):
            return previous == time
                ? "duplicate time \(JSONText.number(time)) (the previous row has the same time)"
                : "time \(JSONText.number(time)) is not after the previous row's time \(JSONText.number(previous)); times must increase"
        case let .tooFewRows(found, minimum):
            return "the series has \(found) row\(found == 1 ? "" : "s") but at least \(minimum) are needed"
        case .noObservations:
            return "the column has no observed values (every cell is missing)"
        case let .invalidHoldout(holdout, rows):
            return holdout < 0
                ? "the holdout \(holdout) is negative"
                : "holding out \(holdout) of \(rows) rows leaves \(rows - holdout) for training; at least 3 are needed"
        case let .shapeMismatch(what):
            return what
        }
    }

    /// `"<location>: <message>"`.
    public var description: String {
        let place = location.description
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
