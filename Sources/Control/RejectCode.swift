/// The status codes `reject` accepts, by number or by name.
enum RejectCode {
    /// What `reject` sends without a code: the user declines, as a phone's red button does.
    static let `default` = 603
    static let range = 400...699
    /// Names a user can type instead of the number.
    static let named: [(name: String, code: Int)] = [("busy", 486), ("decline", 603), ("unavailable", 480)]

    static var namesList: String { named.map { "\($0.name) (\($0.code))" }.joined(separator: ", ") }

    static func code(named word: String) -> Int? {
        let word = word.lowercased()
        return named.first { $0.name == word }?.code
    }
}
