/// What a home router does to traffic between its home and the public network.
///
/// Every router is a stateful firewall like a real home router: replies to what the home
/// sent come in, nothing else does (Linux conntrack filters by remote address and port, so
/// even the cone router is "port-restricted"); the home's own traffic goes out masqueraded.
public enum NATBehaviour: String, Sendable, CaseIterable {
    /// `masquerade`: the router keeps the source port when it is free, and one local socket
    /// gets one public address and port towards every server (endpoint-independent mapping).
    case cone
    /// `masquerade random,fully-random`: a new random public port for every new remote
    /// address and port (address- and port-dependent mapping), so a STUN-learned address is
    /// useless to a peer and only TURN connects.
    case symmetric
    /// Like `cone`, but every UDP packet from the public side towards the home is dropped
    /// (replies too): UDP STUN and TURN-over-UDP time out, TCP (TURN over TCP, SIP over TCP)
    /// still works.
    case firewalled

    /// The router's nftables ruleset; `wan` is the public leg, anything else the home side.
    public var ruleset: String {
        let masquerade = self == .symmetric ? "masquerade random,fully-random" : "masquerade"
        let dropUDP = self == .firewalled ? "        iifname \"wan\" meta l4proto udp counter drop\n" : ""
        // Home-side interfaces are matched as "not wan": with br_netfilter loaded, bridged
        // LAN traffic reaches this chain with its bridge port as input interface.
        // The input chain drops what the public side starts towards the router itself, and
        // so keeps conntrack from remembering it: a peer's first hole-punching packet that
        // arrives before the home sent its own would otherwise hold the public port, and
        // the home's packets to that peer would go out from another port.
        return """
        table inet pipitlab {
            chain input {
                type filter hook input priority filter; policy accept;
                iifname "wan" ct state new,invalid counter drop
            }
            chain forward {
                type filter hook forward priority filter; policy drop;
        \(dropUDP)        ct state established,related accept
                iifname != "wan" accept
                counter
            }
            chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                oifname "wan" \(masquerade)
            }
        }

        """
    }
}
