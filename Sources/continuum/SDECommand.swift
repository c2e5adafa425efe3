import Continuum
import Foundation

/// `continuum sde`: an SDE written as text, solved along N Brownian paths in parallel; prints the
/// mean and variance of each component at t1 and the work counters.
enum SDECommand: Subcommand {
    static let name = "sde"
    static let summary = """
        Solve dy = f(t, y) dt + g(t, y) dW along N independent Brownian paths (path i uses seed S split \
        i: the result does not depend on the number of threads) and print the mean and unbiased variance \
        of every component at t1. Drift and diffusion are written like `continuum solve --rhs`: one \
        expression per variable; the noise is diagonal (component i is driven by its own dW_i). A \
        diffusion that does not depend on the state (zero Jacobian) is additive noise.

        Methods: em (Euler-Maruyama, Ito, strong order 0.5), milstein (Ito or Stratonovich, order 1, \
        exact derivatives of the diffusion), heun (Euler-Heun, Stratonovich, order 1 for diagonal \
        noise), sri (Rossler SRIW1, Ito, order 1.5), sra (Rossler SRA1, additive noise, order 1.5), \
        reversible-heun (Kidger et al., Stratonovich, order 1, algebraically reversible).

        Text output (the default), exactly:
          # continuum sde: METHOD (INTERPRETATION), N paths, t0 = T0, t1 = T1, dt = DT, seed = S
          variable,mean,variance
          NAME,MEAN,VARIANCE            (one line per variable)
          # accepted steps A, rejected steps R, drift evaluations F, diffusion evaluations G, failed paths P
        JSON output (--format json), one object:
          {"mean":[...],"variance":[...],"paths":N,"variables":[...],"method":"...","interpretation":"...",
           "stats":{"accepted_steps":A,"rejected_steps":R,"drift_evaluations":F,"diffusion_evaluations":G,
           "failed_paths":P}}

        Example, stochastic gradient descent on the double well V = (w^2-1)^2/4 read as an SDE,
        dw = -V'(w) dt + sqrt(eta*sigma) dB; its long-run law is the Gibbs density exp(-2V/(eta*sigma)):
          continuum sde --drift "w - w^3" --diffusion "sqrt(eta*sigma)" --vars w --params eta=0.1,sigma=5 \\
            --y0 0 --t1 8 --dt 0.02 --paths 10000 --seed 1 --plot sgd.svg
        """
    static let usage = """
        continuum sde --drift "mu*x" --diffusion "sigma*x" --vars x --params mu=0.5,sigma=0.3 --y0 1 --t1 1 \
        --dt 0.001 [--t0 0] [--paths 1000] [--method em|milstein|heun|sri|sra|reversible-heun] \
        [--interpretation ito|stratonovich] [--seed 0] [--brownian sequential|tree] [--format text|json] \
        [--plot paths.svg]
        """
    static let options = [
        OptionSpec(name: "drift", value: "EXPRS", help: "drift f, one expression per variable, comma-separated"),
        OptionSpec(name: "diffusion", value: "EXPRS", help: "diffusion g (diagonal noise), one expression per variable"),
        OptionSpec(name: "vars", value: "NAMES", help: "state variable names (default y0,y1,...)"),
        OptionSpec(name: "params", value: "NAME=VALUE,...", help: "parameters used in the expressions"),
        OptionSpec(name: "y0", value: "VALUES", help: "initial state, comma-separated"),
        OptionSpec(name: "t0", value: "T", help: "initial time (default 0)"),
        OptionSpec(name: "t1", value: "T", help: "final time (greater than t0)"),
        OptionSpec(name: "dt", value: "H", help: "fixed step size"),
        OptionSpec(name: "paths", value: "N", help: "number of independent paths (default 1000)"),
        OptionSpec(name: "method", value: "NAME", help: "em, milstein, heun, sri, sra or reversible-heun (default em)"),
        OptionSpec(name: "interpretation", value: "ito|stratonovich", help: "calculus (default: ito, or the method's own)"),
        OptionSpec(name: "seed", value: "S", help: "random seed, a non-negative integer (default 0)"),
        OptionSpec(name: "brownian", value: "sequential|tree", help: "Brownian paths: fast sequential draws (default) or a virtual tree"),
        OptionSpec(name: "format", value: "text|json", help: "output format (default text)"),
        OptionSpec(name: "plot", value: "FILE.svg", help: "also plot up to 20 sample paths of every variable as SVG"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let request = try SDERequest(arguments)
        let result = try request.solve()
        print(request.render(result), terminator: "")
        if let path = request.plotPath { try request.plot(result, to: path) }
        guard result.failures == 0 else {
            printError("continuum sde: \(result.failures) of \(result.paths) paths did not reach t1 (non-finite state)")
            return 1
        }
        return 0
    }
}
