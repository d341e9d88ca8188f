// The TOML reader lives here (see Package.swift).
