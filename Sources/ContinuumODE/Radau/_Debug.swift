extension RadauWorkspace {
    public var _diag: String { let c = control.pointee; return "newt=\(c.newtonIterations) theta=\(c.theta) outcome=\(c.outcome) jacCur=\(c.jacobianIsCurrent)" }
}
