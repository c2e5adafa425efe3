@_exported import ContinuumIO
@_exported import ContinuumNumerics
@_exported import ContinuumODE
@_exported import ContinuumPlot
