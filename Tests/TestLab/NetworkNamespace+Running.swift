extension NetworkNamespace {
    /// Runs `body` on the calling thread inside this namespace and switches back: sockets
    /// it opens, and threads it starts, stay in the namespace (a watcher of its addresses).
    public func running<T>(_ body: () throws -> T) throws -> T {
        try entered(body)
    }
}
