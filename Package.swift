// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Continuum",
    products: [
        .library(name: "Continuum", targets: ["Continuum"]),
        .library(name: "ContinuumNumerics", targets: ["ContinuumNumerics"]),
        .library(name: "ContinuumODE", targets: ["ContinuumODE"]),
        .library(name: "ContinuumIO", targets: ["ContinuumIO"]),
        .library(name: "ContinuumPlot", targets: ["ContinuumPlot"]),
        .library(name: "ContinuumSDE", targets: ["ContinuumSDE"]),
        .library(name: "ContinuumSensitivity", targets: ["ContinuumSensitivity"]),
        .library(name: "ContinuumNeural", targets: ["ContinuumNeural"]),
        .library(name: "ContinuumModels", targets: ["ContinuumModels"]),
        .library(name: "ContinuumAnalysis", targets: ["ContinuumAnalysis"]),
        .executable(name: "continuum", targets: ["continuum"]),
        .executable(name: "continuum-bench", targets: ["continuum-bench"]),
    ],
    targets: [
        .target(name: "ContinuumNumerics"),
        .target(name: "ContinuumODE", dependencies: ["ContinuumNumerics"]),
        .target(name: "ContinuumIO", dependencies: ["ContinuumNumerics", "ContinuumODE"]),
        .target(name: "ContinuumPlot"),
        .target(name: "ContinuumSDE", dependencies: ["ContinuumNumerics", "ContinuumODE"]),
        .target(name: "ContinuumSensitivity", dependencies: ["ContinuumNumerics", "ContinuumODE", "ContinuumSDE"]),
        .target(name: "ContinuumNeural", dependencies: ["ContinuumNumerics"]),
        .target(
            name: "ContinuumModels",
            dependencies: ["ContinuumNumerics", "ContinuumODE", "ContinuumSDE", "ContinuumSensitivity", "ContinuumNeural"]
        ),
        .target(name: "ContinuumAnalysis", dependencies: ["ContinuumNumerics", "ContinuumODE", "ContinuumSDE"]),
        .target(
            name: "Continuum",
            dependencies: [
                "ContinuumNumerics", "ContinuumODE", "ContinuumIO", "ContinuumPlot", "ContinuumSDE",
                "ContinuumSensitivity", "ContinuumNeural", "ContinuumModels", "ContinuumAnalysis",
            ]
        ),
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
        .testTarget(name: "ContinuumIOTests", dependencies: ["ContinuumIO", "_TestSupport"]),
        .testTarget(name: "ContinuumPlotTests", dependencies: ["ContinuumPlot"]),
        .testTarget(name: "ContinuumSDETests", dependencies: ["ContinuumSDE", "_TestSupport"]),
        .testTarget(
            name: "ContinuumSensitivityTests",
            dependencies: ["ContinuumSensitivity", "ContinuumModels", "_TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ContinuumNeuralTests", dependencies: ["ContinuumNeural"]),
        .testTarget(name: "ContinuumModelsTests", dependencies: ["ContinuumModels", "_TestSupport"]),
        .testTarget(name: "ContinuumAnalysisTests", dependencies: ["ContinuumAnalysis", "_TestSupport"]),
        .testTarget(
            name: "ContinuumCLITests",
            dependencies: ["_TestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
