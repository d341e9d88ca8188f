/// Makes user text literal inside a LIKE pattern written with `ESCAPE '\'`.
enum LikePattern {
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
