// ContinuumSDE: see the module overview in README.md.
