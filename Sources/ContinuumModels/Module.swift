// ContinuumModels: see the module overview in README.md.
