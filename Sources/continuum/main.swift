print("continuum: coming soon")
