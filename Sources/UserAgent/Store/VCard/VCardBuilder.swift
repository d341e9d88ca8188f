/// Collects the properties of one card and builds the contact at END:VCARD.
struct VCardBuilder {
    struct Problem: Error {
        var line: Int
        var reason: String
    }

    let line: Int
    private(set) var problems: [Problem] = []
    private var formattedName: String?
    private var nameParts: [String]?
    private var organization: String?
    private var uid: String?
    private var note: String?
    private var uris: [String] = []
    private var numbers: [Contact.Number] = []
    private var propertyCount = 0
    private var addressCapReported = false

    init(line: Int) {
        self.line = line
    }

    mutating func add(_ rawLine: VCardLines.Line) {
        propertyCount += 1
        if propertyCount == VCardReader.maximumPropertiesPerCard + 1 {
            problem(rawLine.number, "more than \(VCardReader.maximumPropertiesPerCard) properties; the rest ignored")
        }
        guard propertyCount <= VCardReader.maximumPropertiesPerCard else { return }
        let name = Self.propertyName(rawLine.bytes)
        if VCardReader.unusedBulky.contains(name) { return }
        guard !rawLine.truncated else {
            // An overlong property we would not use anyway is not worth a complaint.
            guard Self.used.contains(name) || name.isEmpty else { return }
            return problem(rawLine.number, "\(name.isEmpty ? "line" : name) longer than \(VCardLines.defaultMaximumLength) bytes")
        }
        guard !rawLine.bytes.contains(0) else { return problem(rawLine.number, "binary data (NUL byte)") }
        guard let text = String(validating: rawLine.bytes, as: UTF8.self) else {
            return problem(rawLine.number, "not UTF-8")
        }
        guard let property = VCardProperty.parse(text) else {
            return problem(rawLine.number, "not a vCard property (no name or no ':')")
        }
        guard Self.used.contains(property.name) else { return }
        let charsets = property.parameter("CHARSET")
        if let charset = charsets.first(where: { $0 != "utf-8" && $0 != "utf8" }) {
            return problem(rawLine.number, "\(property.name) in charset \(charset): only UTF-8 is supported")
        }
        guard let value = decodedValue(property, line: rawLine.number) else { return }
        apply(property, value: value, line: rawLine.number)
    }

    private static let used: Set<String> = ["FN", "N", "ORG", "UID", "NOTE", "TEL", "IMPP",
                                            "X-SIP", "X-SIPURI", "X-SIP-URI"]

    /// The value with its transfer encoding undone (escapes still in).
    private mutating func decodedValue(_ property: VCardProperty, line: Int) -> String? {
        let encodings = property.parameter("ENCODING")
        if encodings.contains("quoted-printable") {
            guard let text = String(validating: VCardValue.quotedPrintable(property.value), as: UTF8.self) else {
                problem(line, "\(property.name) is not UTF-8 after quoted-printable decoding")
                return nil
            }
            return text
        }
        if let encoding = encodings.first, encoding != "8bit" {
            problem(line, "\(property.name) in encoding \(encoding) is not supported")
            return nil
        }
        return property.value
    }

    private mutating func apply(_ property: VCardProperty, value: String, line: Int) {
        switch property.name {
        case "FN": formattedName = VCardValue.text(value).vCardTrimmed()
        case "N": nameParts = VCardValue.components(value).map { $0.vCardTrimmed() }
        case "ORG": organization = VCardValue.components(value).first?.vCardTrimmed()
        case "UID": uid = VCardValue.text(value).vCardTrimmed()
        case "NOTE": note = VCardValue.text(value)
        case "TEL": addNumber(VCardValue.text(value), types: property.parameter("TYPE"), line: line)
        default: addSIP(VCardValue.text(value).vCardTrimmed(), property: property.name, line: line)
        }
    }

    /// False (and says so, once) when the card already holds as many addresses as a
    /// contact may.
    private mutating func hasRoom(line: Int) -> Bool {
        let limit = ContactStore.maximumAddresses
        guard uris.count + numbers.count >= limit else { return true }
        if !addressCapReported {
            addressCapReported = true
            problem(line, "more than \(limit) phone numbers and SIP addresses; the rest ignored")
        }
        return false
    }

    private mutating func addNumber(_ value: String, types: [String], line: Int) {
        // A TEL can hold a SIP URI (some phones do this); keep it as one.
        if value.lowercased().hasPrefix("sip:") || value.lowercased().hasPrefix("sips:") {
            return addSIP(value, property: "TEL", line: line)
        }
        guard let key = ContactKeys.numberKey(value) else {
            return problem(line, "TEL \(Self.excerpt(value)) has no digits")
        }
        var number = value.vCardTrimmed()
        if number.lowercased().hasPrefix("tel:") {
            number = String(number.dropFirst(4).prefix { $0 != ";" })
        }
        guard !numbers.contains(where: { ContactKeys.numberKey($0.number) == key }),
              hasRoom(line: line) else { return }
        let ignoredTypes: Set<String> = ["voice", "pref", "internet", "x-internet"]
        let label = types.flatMap { $0.split(separator: ",").map(String.init) }
            .first { !ignoredTypes.contains($0) && !$0.isEmpty && !$0.allSatisfy(\.isNumber) }
        numbers.append(Contact.Number(number, label: label))
    }

    private mutating func addSIP(_ value: String, property: String, line: Int) {
        let lowered = value.lowercased()
        let uri: String
        if lowered.hasPrefix("sip:") || lowered.hasPrefix("sips:") {
            uri = value
        } else if property == "IMPP" {
            return  // xmpp:, skype: … are not for us
        } else {
            uri = "sip:" + value  // X-SIP values are often written without a scheme
        }
        guard let key = ContactKeys.sipKey(uri) else {
            return problem(line, "\(property) \(Self.excerpt(value)) is not a SIP address")
        }
        guard !uris.contains(where: { ContactKeys.sipKey($0) == key }), hasRoom(line: line) else {
            return
        }
        uris.append(uri)
    }

    private mutating func problem(_ line: Int, _ reason: String) {
        problems.append(Problem(line: line, reason: reason))
    }

    /// The contact this card describes, or why there is none.
    func finish() -> Result<Contact, Problem> {
        guard let name = displayName() else {
            return .failure(Problem(line: line, reason: "card has no name (FN, N or ORG)"))
        }
        guard !uris.isEmpty || !numbers.isEmpty else {
            return .failure(Problem(line: line, reason: "card \(Self.excerpt(name)) has no phone number or SIP address"))
        }
        let limit = ContactStore.maximumAddresses
        let keptURIs = Array(uris.prefix(limit))
        let keptNumbers = Array(numbers.prefix(max(0, limit - keptURIs.count)))
        let cap = ContactStore.maximumFieldLength
        return .success(Contact(name: Self.clip(name, cap), uris: keptURIs, numbers: keptNumbers,
                                note: note.map { Self.clip($0, cap) }.flatMap { $0.isEmpty ? nil : $0 },
                                uid: uid.map { Self.clip($0, cap) }.flatMap { $0.isEmpty ? nil : $0 }))
    }

    private func displayName() -> String? {
        if let formattedName, !formattedName.isEmpty { return formattedName }
        if let parts = nameParts {
            // N is family;given;additional;prefix;suffix — people read given name first.
            let ordered = [3, 1, 2, 0, 4].compactMap { parts.indices.contains($0) ? parts[$0] : nil }
            let name = ordered.filter { !$0.isEmpty }.joined(separator: " ")
            if !name.isEmpty { return name }
        }
        if let organization, !organization.isEmpty { return organization }
        return nil
    }

    /// The property name of a raw line (before any ";" or ":"), uppercased, group dropped.
    private static func propertyName(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(80).prefix { $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: ":") }
        var name = String(decoding: head, as: UTF8.self).vCardTrimmed().uppercased()
        if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }
        return name
    }

    private static func excerpt(_ text: String) -> String {
        text.count <= 40 ? "\"\(text)\"" : "\"\(text.prefix(40))…\""
    }

    /// Cuts to at most `limit` UTF-8 bytes without splitting a character.
    private static func clip(_ text: String, _ limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var result = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            guard used + size <= limit else { break }
            result.append(character)
            used += size
        }
        return result
    }
}
