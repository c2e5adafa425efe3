import ContinuumIO
import Testing

/// Malformed text and names are rejected with the right column and a message that says what was expected.
@Suite struct ExpressionErrorTests {
    /// The error thrown for `rhs`, or `nil` if it compiled.
    func error(
        _ rhs: String, variables: [String] = ["x"], parameters: [String] = [], values: [Double]? = nil,
        timeName: String = "t"
    ) -> ExpressionError? {
        do {
            _ = try ExpressionVectorField(rhs: rhs, variables: variables, parameterNames: parameters,
                                          parameterValues: values ?? parameters.map { _ in 1 }, timeName: timeName)
            return nil
        } catch {
            return error
        }
    }

    @Test func syntaxErrorsReportColumnAndExpectation() {
        let cases: [(rhs: String, variables: [String], column: Int, message: String)] = [
            ("x +", ["x"], 4, "expected an expression but found end of input"),
            ("sin(x", ["x"], 6, "expected ')' to close 'sin(' at column 4 but found end of input"),
            ("(x + 1", ["x"], 7, "expected ')' to close '(' at column 1 but found end of input"),
            ("2*(x + (1 - x)", ["x"], 15, "expected ')' to close '(' at column 3 but found end of input"),
            ("x $ 2", ["x"], 3, "unexpected character '$'"),
            ("x + 1;", ["x"], 6, "unexpected character ';'"),
            ("x y, x", ["x", "y"], 3, "expected an operator, ',' or end of input but found 'y'"),
            ("x 2", ["x"], 3, "expected an operator, ',' or end of input but found number '2'"),
            ("x)", ["x"], 2, "unexpected ')' without a matching '('"),
            ("", ["x"], 1, "expression 1 is empty: expected an expression but found end of input"),
            ("   ", ["x"], 4, "expression 1 is empty: expected an expression but found end of input"),
            ("x, , x", ["x", "y", "z"], 4, "expression 2 is empty: expected an expression but found ','"),
            ("x,", ["x", "y"], 3, "expression 2 is empty: expected an expression but found end of input"),
            ("x * / 2", ["x"], 5, "expected an expression but found '/'"),
            ("()", ["x"], 2, "expected an expression but found ')'"),
            ("pow(x,)", ["x"], 7, "expected an expression but found ')'"),
            ("pow(x y)", ["x", "y"], 7, "expected ',' or ')' to close 'pow(' at column 4 but found 'y'"),
            ("sin + 1", ["x"], 5, "expected '(' after the function name 'sin' but found '+'"),
            ("x(2)", ["x"], 1, "'x' is not a function (write 'x*(...)' to multiply)"),
        ]
        for testCase in cases {
            let thrown = error(testCase.rhs, variables: testCase.variables)
            #expect(thrown == ExpressionError(column: testCase.column, message: testCase.message), "\(testCase.rhs)")
        }
    }

    @Test func namesFunctionsAndArgumentCounts() {
        #expect(error("x + q", parameters: ["a"]) == ExpressionError(column: 5, message: "unknown name 'q'; known names: x, t, a"))
        #expect(error("foo(x)") == ExpressionError(column: 1, message:
            "unknown function 'foo'; functions: sin, cos, tan, exp, log, sqrt, tanh, abs, pow, min, max"))
        #expect(error("1 + pow(x)") == ExpressionError(column: 5, message: "function 'pow' takes 2 arguments but got 1"))
        #expect(error("sin(x, x)") == ExpressionError(column: 1, message: "function 'sin' takes 1 argument but got 2"))
        #expect(error("max(x, x, x)") == ExpressionError(column: 1, message: "function 'max' takes 2 arguments but got 3"))
        #expect(error("exp()") == ExpressionError(column: 1, message: "function 'exp' takes 1 argument but got 0"))
        let many = (1...20).map { "y\($0)" }
        let long = error("zz", variables: many)
        #expect(long?.column == 1)
        #expect(long?.message.hasSuffix("y11, y12, … (21 names)") == true, "\(String(describing: long))")
    }

    @Test func malformedNumbers() {
        #expect(error("1e") == ExpressionError(column: 1, message: "malformed number '1e': expected digits in the exponent"))
        #expect(error("x + 2.5E+") == ExpressionError(column: 5, message: "malformed number '2.5E+': expected digits in the exponent"))
        #expect(error("x * 1.2.3") == ExpressionError(column: 5, message: "malformed number '1.2.3': a number has at most one '.'"))
        #expect(error("2x") == ExpressionError(column: 1, message:
            "malformed number '2x': a number cannot run into a name (write '*' to multiply)"))
        #expect(error("x + .") == ExpressionError(column: 5, message: "malformed number '.': expected digits"))
        #expect(error("1e400") == ExpressionError(column: 1, message: "malformed number '1e400': out of the range of Double"))
        #expect(error("0x1F") == ExpressionError(column: 1, message:
            "malformed number '0x1F': a number cannot run into a name (write '*' to multiply)"))
    }

    @Test func expressionCountMustMatchVariables() {
        #expect(error("x, y, x*y", variables: ["x", "y"]) == ExpressionError(column: 7, message:
            "3 expressions for 2 variables (x, y); give one expression per variable, separated by ','"))
        #expect(error("pow(x, 2) - y", variables: ["x", "y"]) == ExpressionError(column: 14, message:
            "1 expression for 2 variables (x, y); give one expression per variable, separated by ','"))
        #expect(error("pow(x, 2) - y, max(x, y)", variables: ["x", "y"]) == nil, "commas in calls belong to the call")
    }

    @Test func clashingAndInvalidNames() {
        #expect(error("1", variables: ["sin"]) == ExpressionError(column: 0, message:
            "variable name 'sin' clashes with the function sin()"))
        #expect(error("1", variables: ["t"]) == ExpressionError(column: 0, message:
            "the name 't' is used for both the time and a variable"))
        #expect(error("1, 1", variables: ["x", "x"]) == ExpressionError(column: 0, message:
            "the name 'x' is used for two variables"))
        #expect(error("1", parameters: ["x"]) == ExpressionError(column: 0, message:
            "the name 'x' is used for both the variable and a parameter"))
        #expect(error("1", parameters: ["max"]) == ExpressionError(column: 0, message:
            "parameter name 'max' clashes with the function max()"))
        #expect(error("1", timeName: "x") == ExpressionError(column: 0, message:
            "the name 'x' is used for both the time and a variable"))
        #expect(error("1", timeName: "log") == ExpressionError(column: 0, message: "time name 'log' clashes with the function log()"))
        for bad in ["", "2a", "a b", "x-1", "é!"] {
            #expect(error("1", variables: [bad])?.message.hasPrefix("variable name '\(bad)' is not a valid name") == true, "\(bad)")
        }
        #expect(error("1", variables: []) == ExpressionError(column: 0, message: "at least one state variable is needed"))
    }

    @Test func parameterValues() {
        #expect(error("a*x", parameters: ["a"], values: []) == ExpressionError(column: 0, message:
            "1 parameter name but 0 parameter values"))
        #expect(error("a*x", parameters: ["a", "b"], values: [1, .nan]) == ExpressionError(column: 0, message:
            "parameter 'b' has the non-finite value nan"))
        #expect(error("a*x", parameters: ["a"], values: [-.infinity]) == ExpressionError(column: 0, message:
            "parameter 'a' has the non-finite value -inf"))
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        #expect(error(deep)?.message == "expression nested too deeply (more than 64 levels)")
        #expect(error(String(repeating: "-", count: 100_000) + "x")?.message == "expression nested too deeply (more than 64 levels)")
        #expect(error(String(repeating: "sin(", count: 5_000) + "x" + String(repeating: ")", count: 5_000)) != nil)
        #expect(error(String(repeating: "x^", count: 5_000) + "x") != nil)
        #expect(error(String(repeating: "(", count: 63) + "x" + String(repeating: ")", count: 63)) == nil)
        #expect(error(String(repeating: "sin(-", count: 31) + "x" + String(repeating: ")", count: 31)) == nil)
        #expect(error(String(repeating: "(", count: 64) + "x" + String(repeating: ")", count: 64))?.column == 65, "the 65th level starts at the x")
        let long = Array(repeating: "x", count: 20_000).joined(separator: "+")
        #expect(error(long) == nil, "long flat sums are not nesting")
    }

    @Test func descriptionIsOneLine() {
        #expect(ExpressionError(column: 7, message: "expected ')' but found end of input").description
                == "column 7: expected ')' but found end of input")
        #expect(ExpressionError(column: 0, message: "at least one state variable is needed").description
                == "at least one state variable is needed")
        #expect(error("sin(x")?.description == "column 6: expected ')' to close 'sin(' at column 4 but found end of input")
    }
}
