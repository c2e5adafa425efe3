// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Continuum",
    products: [
        .library(name: "Continuum", targets: ["Continuum"]),
        .library(name: "ContinuumNumerics", targets: ["ContinuumNumerics"]),
        .library(name: "ContinuumODE", targets: ["ContinuumODE"]),
        .executable(name: "continuum", targets: ["continuum"]),
        .executable(name: "continuum-bench", targets: ["continuum-bench"]),
    ],
    targets: [
        .target(name: "ContinuumNumerics"),
        .target(name: "ContinuumODE", dependencies: ["ContinuumNumerics"]),
        .target(name: "Continuum", dependencies: ["ContinuumNumerics", "ContinuumODE"]),
        .executableTarget(name: "continuum", dependencies: ["Continuum"]),

        // Counts heap allocations by interposing malloc; linked only into the benchmark.
        .target(name: "_AllocationCounter", path: "Benchmarks/AllocationCounter"),
        .executableTarget(
            name: "continuum-bench",
            dependencies: ["Continuum", "_AllocationCounter"],
            path: "Benchmarks/Bench"
        ),

        .executableTarget(name: "solve-lorenz", dependencies: ["Continuum"], path: "Examples/SolveLorenz"),

        .target(name: "_TestSupport", dependencies: ["ContinuumODE"], path: "Tests/_TestSupport"),
        .testTarget(name: "ContinuumNumericsTests", dependencies: ["ContinuumNumerics"]),
        .testTarget(
            name: "ContinuumODETests",
            dependencies: ["ContinuumODE", "_TestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
