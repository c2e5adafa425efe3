@_exported import ContinuumNumerics
@_exported import ContinuumODE
