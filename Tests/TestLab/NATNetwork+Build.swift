extension Lab {
    /// Builds the namespaces, links, addresses, routes and router rules of a NAT lab (no
    /// servers; see `startNATTopology` for Kamailio and coturn too). Home `i` (from 1) gets
    /// `10.0.i.0/24`, router `10.0.i.1` and public `203.0.113.(100+i)`, clients `10.0.i.2…`.
    /// Everything is deleted when the lab ends.
    public func buildNATNetwork(homes specs: [NATNetwork.HomeSpec] = NATNetwork.defaultHomes) throws -> NATNetwork {
        guard !specs.isEmpty, specs.count <= 150 else { throw LabError.unexpected("a NAT lab has 1…150 homes") }
        let net = makeNetworkLab()
        let publicNS = try net.makeNamespace("public")
        try net.bridge(publicNS, "br0")
        for cidr in ["203.0.113.1/24", "203.0.113.10/24", "203.0.113.20/24", "203.0.113.21/24"] {
            try net.address(publicNS, "br0", cidr)
        }
        var homes: [NATNetwork.Home] = []
        for (index, spec) in specs.enumerated() {
            let number = index + 1
            let publicAddress = "203.0.113.\(100 + number)"
            let subnet = "10.0.\(number)"
            let router = try net.makeNamespace("r\(number)", forwarding: true)
            try net.link(router, "wan", to: publicNS, "r\(number)")
            try net.attach(publicNS, "r\(number)", to: "br0")
            try net.address(router, "wan", "\(publicAddress)/24")
            try net.bridge(router, "lan")
            try net.address(router, "lan", "\(subnet).1/24")
            try net.nft(router, ruleset: spec.behaviour.ruleset)
            // The public side may aim at the private subnet (one hop away, like a neighbour
            // on the ISP's segment): only the router's filter keeps it out, and tests prove it.
            try net.ip(publicNS, "route", "add", "\(subnet).0/24", "via", publicAddress)
            var clients: [NATNetwork.Host] = []
            for c in 1...spec.clients {
                let host = try net.makeNamespace("h\(number)c\(c)")
                let address = "\(subnet).\(c + 1)"
                try net.link(router, "c\(c)", to: host, "eth0")
                try net.attach(router, "c\(c)", to: "lan")
                try net.address(host, "eth0", "\(address)/24")
                try net.ip(host, "route", "add", "default", "via", "\(subnet).1")
                clients.append(.init(name: spec.clients == 1 ? spec.name : "\(spec.name)-\(c)", namespace: host,
                                     address: address))
            }
            homes.append(.init(name: spec.name, behaviour: spec.behaviour, router: router, publicAddress: publicAddress,
                               subnet: "\(subnet).0/24", gateway: "\(subnet).1", clients: clients))
        }
        return NATNetwork(publicNamespace: publicNS, publicSubnet: "203.0.113.0/24", publicGateway: "203.0.113.1",
                          sipAddress: "203.0.113.10", stunAddress: "203.0.113.20", alternateStunAddress: "203.0.113.21",
                          homes: homes)
    }
}
