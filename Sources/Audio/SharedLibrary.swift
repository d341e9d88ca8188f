import Glibc

/// A C library opened at run time with `dlopen` instead of linked: for the libraries an
/// idle, registered phone never calls (PulseAudio, ALSA, libsrtp2, SQLite, Opus,
/// SpeexDSP, ncursesw). Linked, they were loaded at start with their own dependencies
/// (libpulse alone brings X11, libsndfile, D-Bus; libsrtp2 brings NSS), about 3.6 MiB
/// resident. The handle is never closed: the
/// function pointers taken from it live as long as the process.
public struct SharedLibrary: @unchecked Sendable {
    /// The soname it was opened by (`libpulse.so.0`).
    public let name: String
    /// The Debian package that ships it, for the error a user sees.
    public let package: String
    private let handle: UnsafeMutableRawPointer

    /// Opens `name` (a soname, so the ABI is the one the shim's headers declare) with
    /// `RTLD_NOW | RTLD_LOCAL`: every symbol resolved now, none added to the global scope.
    public init(_ name: String, package: String) throws(SharedLibraryError) {
        guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
            let detail = dlerror().map { String(cString: $0) } ?? ""
            // glibc says "NAME: cannot open shared object file" when the file itself is
            // missing (a missing dependency is named instead of NAME).
            let missing = detail.isEmpty || detail.hasPrefix("\(name): cannot open shared object file")
            throw SharedLibraryError(library: name, package: package, problem: missing ? .notFound : .unloadable(detail))
        }
        self.name = name
        self.package = package
        self.handle = handle
    }

    /// The function `symbol`, typed as `T`: a C function pointer type, normally the
    /// shim's `typedef __typeof__(&symbol) symbol_fn`, so the signature is the header's.
    public func function<T>(_ symbol: String) throws(SharedLibraryError) -> T {
        precondition(MemoryLayout<T>.size == MemoryLayout<UnsafeRawPointer>.size, "\(T.self) is not a C function pointer")
        guard let address = dlsym(handle, symbol) else {
            throw SharedLibraryError(library: name, package: package, problem: .missingSymbol(symbol))
        }
        return unsafeBitCast(address, to: T.self)
    }

    /// The raw address of `symbol` (for functions whose type Swift cannot spell).
    public func address(_ symbol: String) throws(SharedLibraryError) -> UnsafeMutableRawPointer {
        guard let address = dlsym(handle, symbol) else {
            throw SharedLibraryError(library: name, package: package, problem: .missingSymbol(symbol))
        }
        return address
    }
}

/// A library pipit loads at run time is missing or unusable; says which package to install.
public struct SharedLibraryError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        /// The file is not installed.
        case notFound
        /// It is there but the dynamic loader refused it (a dependency missing, …): its words.
        case unloadable(String)
        /// It loaded but lacks a function pipit needs (too old a version).
        case missingSymbol(String)
    }

    /// The soname (`libpulse.so.0`).
    public let library: String
    /// The Debian package that ships it (`libpulse0`).
    public let package: String
    public let problem: Problem

    public init(library: String, package: String, problem: Problem) {
        self.library = library
        self.package = package
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .notFound: "\(library) not found: install \(package)"
        case .unloadable(let detail): "\(library) could not be loaded (\(detail)): reinstall \(package)"
        case .missingSymbol(let symbol): "\(library) has no \(symbol): install a newer \(package)"
        }
    }
}
