extension SIPParseError.Kind {
    /// A stream-transported message without Content-Length (RFC 3261 §18.3).
    public static let missingContentLength = Self(rawValue: "missing-content-length")
    /// A multipart body with more parts than `SIPLimits.maxMultipartParts`.
    public static let tooManyParts = Self(rawValue: "too-many-parts")
    /// A multipart body whose delimiters cannot be found or are malformed.
    public static let malformedMultipart = Self(rawValue: "malformed-multipart")
}
