/// The version printed by `pipit --version`; `make` keeps it in step with git tags later.
enum PipitVersion {
    static let string = "0.1.0"
}
