/// The tables of a document while it is parsed, and TOML's rules for defining them.
///
/// Every table remembers how it came to be, because that decides what may reach into it:
/// - `implicit`: created as a parent by a header (`[a.b]` makes `a`); a later `[a]` may
///   define it once.
/// - `header`: defined by `[header]` or `[[header]]`; never defined again, never extended
///   by dotted keys from elsewhere (toml-lang/toml#846).
/// - `dotted`: created by a dotted key (`a.b = 1` makes `a`); only more dotted keys in the
///   same table body may add to it, and a header may add sub-tables but not define it.
/// Inline tables and static arrays are finished values: nothing extends them.
struct TOMLTree {
    enum Kind { case implicit, header, dotted }

    enum Slot {
        case value(TOMLValue)
        case table(Int)
        case tableArray([Int])
    }

    struct Entry {
        var key: String
        var keyPosition: TOMLPosition
        var position: TOMLPosition
        var slot: Slot
    }

    struct Node {
        var kind: Kind
        var position: TOMLPosition
        /// Containers between the root and this table (arrays of tables count twice, as
        /// the array and its element), bounded by `TOMLParser.maxDepth`.
        var depth: Int
        var entries: [Entry] = []
        var index: [String: Int] = [:]
    }

    private(set) var nodes: [Node] = [Node(kind: .header, position: .start, depth: 0)]

    func lookup(_ node: Int, _ key: String) -> Entry? {
        nodes[node].index[key].map { nodes[node].entries[$0] }
    }

    mutating func newNode(_ kind: Kind, at position: TOMLPosition, depth: Int) throws(TOMLError) -> Int {
        guard depth <= TOMLParser.maxDepth else {
            throw TOMLError("tables nested more than \(TOMLParser.maxDepth) deep", at: position)
        }
        nodes.append(Node(kind: kind, position: position, depth: depth))
        return nodes.count - 1
    }

    /// Adds an entry whose key the caller checked is absent.
    mutating func add(_ entry: Entry, to node: Int) {
        nodes[node].index[entry.key] = nodes[node].entries.count
        nodes[node].entries.append(entry)
    }

    /// Opens `[path]` or `[[path]]` and returns the table that the lines below fill.
    mutating func open(_ path: [KeyPart], array: Bool, at position: TOMLPosition) throws(TOMLError) -> Int {
        var node = 0
        for part in path.dropLast() {
            switch lookup(node, part.name)?.slot {
            case nil:
                let child = try newNode(.implicit, at: position, depth: nodes[node].depth + 1)
                add(Entry(key: part.name, keyPosition: part.position, position: position, slot: .table(child)), to: node)
                node = child
            case .table(let child):
                node = child
            case .tableArray(let elements):
                guard let last = elements.last else { throw TOMLError("empty array of tables", at: part.position) }
                node = last
            case .value(let value):
                throw cannotExtend(part, value, defined: lookup(node, part.name)?.position)
            }
        }
        guard let last = path.last else { throw TOMLError("expected a key", at: position) }
        let name = path.map(\.name).joined(separator: ".")
        // Only the kind of what is there, not a copy of an array of tables: holding one
        // would make the in-place append below copy it (quadratic in `[[x]]` headers).
        guard let (existing, defined) = shape(node, last.name) else {
            let depth = nodes[node].depth + (array ? 2 : 1)
            let table = try newNode(.header, at: position, depth: depth)
            let slot: Slot = array ? .tableArray([table]) : .table(table)
            add(Entry(key: last.name, keyPosition: last.position, position: position, slot: slot), to: node)
            return table
        }
        switch existing {
        case .tableArray where array:
            let element = try newNode(.header, at: position, depth: nodes[node].depth + 2)
            append(element, toArrayOf: last.name, in: node)
            return element
        case .table where array:
            throw TOMLError("`\(name)` is already a table (line \(defined.line)), not an array of tables", at: last.position)
        case .table(let table):
            switch nodes[table].kind {
            case .implicit:
                nodes[table].kind = .header
                nodes[table].position = position
                return table
            case .header:
                throw TOMLError("table `\(name)` is defined twice (first at line \(nodes[table].position.line))", at: position)
            case .dotted:
                throw TOMLError("table `\(name)` was already defined with dotted keys at line \(nodes[table].position.line)", at: position)
            }
        case .tableArray:
            throw TOMLError("`\(name)` is an array of tables (line \(defined.line)); write [[\(name)]] to add to it", at: position)
        case .value(let value):
            throw cannotExtend(last, value, defined: defined)
        }
    }

    enum Shape {
        case table(Int)
        case tableArray
        case value(TOMLValue)
    }

    /// What `key` holds in `node`, and where it was defined.
    private func shape(_ node: Int, _ key: String) -> (Shape, TOMLPosition)? {
        guard let i = nodes[node].index[key] else { return nil }
        let entry = nodes[node].entries[i]
        switch entry.slot {
        case .table(let t): return (.table(t), entry.position)
        case .tableArray: return (.tableArray, entry.position)
        case .value(let v): return (.value(v), entry.position)
        }
    }

    /// Follows the dotted key's leading parts from `node`, creating tables as needed, and
    /// returns the table that receives the last part.
    mutating func descend(_ parts: ArraySlice<KeyPart>, from start: Int) throws(TOMLError) -> Int {
        var node = start
        for part in parts {
            switch lookup(node, part.name)?.slot {
            case nil:
                let child = try newNode(.dotted, at: part.position, depth: nodes[node].depth + 1)
                add(Entry(key: part.name, keyPosition: part.position, position: part.position, slot: .table(child)), to: node)
                node = child
            case .table(let child):
                guard nodes[child].kind == .dotted else {
                    throw TOMLError("cannot add to table `\(part.name)` (defined by a header at line \(nodes[child].position.line)) with a dotted key", at: part.position)
                }
                node = child
            case .tableArray:
                throw TOMLError("cannot add to array of tables `\(part.name)` with a dotted key", at: part.position)
            case .value(let value):
                throw cannotExtend(part, value, defined: lookup(node, part.name)?.position)
            }
        }
        return node
    }

    /// Appends in place: the array is moved out of its slot first so that appending does
    /// not copy it (many `[[x]]` headers stay linear).
    private mutating func append(_ element: Int, toArrayOf key: String, in node: Int) {
        guard let i = nodes[node].index[key], case .tableArray(var elements) = nodes[node].entries[i].slot else { return }
        nodes[node].entries[i].slot = .tableArray([])
        elements.append(element)
        nodes[node].entries[i].slot = .tableArray(elements)
    }

    private func cannotExtend(_ part: KeyPart, _ value: TOMLValue, defined: TOMLPosition?) -> TOMLError {
        let line = defined.map { " (line \($0.line))" } ?? ""
        switch value {
        case .table: return TOMLError("cannot extend inline table `\(part.name)`\(line)", at: part.position)
        case .array: return TOMLError("cannot extend static array `\(part.name)`\(line)", at: part.position)
        default: return TOMLError("key `\(part.name)` is already \(value.typeNameWithArticle)\(line)", at: part.position)
        }
    }

    /// The finished table for `node` (depth is bounded, so the recursion is too).
    func build(_ node: Int) -> TOMLTable {
        var table = TOMLTable(position: nodes[node].position)
        for entry in nodes[node].entries {
            let value: TOMLValue
            switch entry.slot {
            case .value(let v):
                value = v
            case .table(let child):
                value = .table(build(child))
            case .tableArray(let elements):
                value = .array(TOMLArray(elements: elements.map {
                    TOMLArray.Element(value: .table(build($0)), position: nodes[$0].position)
                }, position: entry.position))
            }
            table.insert(TOMLTable.Entry(key: entry.key, keyPosition: entry.keyPosition, value: value, position: entry.position))
        }
        return table
    }
}

/// One part of a (possibly dotted) key.
struct KeyPart {
    var name: String
    var position: TOMLPosition
}
