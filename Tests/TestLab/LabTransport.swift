/// A SIP transport a lab peer listens on or a probe sends over.
public enum LabTransport: String, Sendable, Hashable, CaseIterable {
    case udp, tcp, tls
}
