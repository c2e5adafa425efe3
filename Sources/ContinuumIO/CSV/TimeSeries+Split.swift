extension TimeSeries {
    /// Splits off the last `holdout` rows for validation or forecasting checks.
    ///
    /// The training part keeps the first `count − holdout` rows and must satisfy everything a series
    /// read from a file does (at least ``minimumRows`` rows, every column observed at least once).
    /// The holdout part may have any number of rows, including none, and columns with no observed
    /// value. `split(holdout: 0)` returns the whole series and an empty holdout.
    ///
    /// - Throws: ``TimeSeriesError/Reason/invalidHoldout(holdout:rows:)`` when `holdout` is negative or
    ///   leaves fewer than 3 training rows; ``TimeSeriesError/Reason/noObservations`` when a column
    ///   has no observed value among the training rows.
    public func split(holdout: Int) throws(TimeSeriesError) -> (training: TimeSeries, holdout: TimeSeries) {
        guard holdout >= 0, count - holdout >= Self.minimumRows else {
            throw TimeSeriesError(.invalidHoldout(holdout: holdout, rows: count))
        }
        let cut = count - holdout
        let training = rows(0..<cut)
        try training.checkEveryColumnObserved()
        return (training, rows(cut..<count))
    }

    /// The rows in `range` (0-based) as a series with the same names.
    func rows(_ range: Range<Int>) -> TimeSeries {
        let entries = range.lowerBound * dimension..<range.upperBound * dimension
        return TimeSeries(unchecked: Array(times[range]), values: Array(values[entries]), observed: Array(observed[entries]),
                          columnNames: columnNames, timeName: timeName)
    }
}
