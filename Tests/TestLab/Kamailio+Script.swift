import Foundation

extension Kamailio {
    /// kamailio.cfg: registrar with in-memory usrloc, digest auth (passwords inline,
    /// checked with `pv_www_authenticate` / `pv_proxy_authenticate`), record-routing
    /// proxy to registered contacts. Lines starting `LAB ` in the log are the script's
    /// events (see `events()`).
    static func script(_ config: Configuration, tlsConfig: URL? = nil) -> String {
        let listens = config.listeners.map { "listen=\($0.cfgValue)" }.joined(separator: "\n")
        let aliases = Set(config.listeners.map { "\($0.host):\($0.port)" }).sorted()
            .map { "alias=\"\($0)\"" }.joined(separator: "\n")
        let passwords = config.users.sorted { $0.key < $1.key }.map { user, password in
            "    if ($au == \"\(escape(user))\") { $var(pw) = \"\(escape(password))\"; }"
        }.joined(separator: "\n")
        let enableTLS = tlsConfig == nil ? "" : "enable_tls=yes"
        let nat = config.natTraversal
        let tlsModule = tlsConfig.map { "loadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"\(escape($0.path))\")" } ?? ""
        return """
        #!KAMAILIO
        debug=2
        log_stderror=yes
        children=2
        tcp_children=2
        auto_aliases=no
        dns=no
        rev_dns=no
        use_dns_cache=off
        \(enableTLS)
        \(listens)
        \(aliases)

        loadmodule "tm.so"
        loadmodule "sl.so"
        loadmodule "rr.so"
        loadmodule "pv.so"
        loadmodule "maxfwd.so"
        loadmodule "usrloc.so"
        loadmodule "registrar.so"
        loadmodule "textops.so"
        loadmodule "siputils.so"
        loadmodule "xlog.so"
        loadmodule "sanity.so"
        loadmodule "auth.so"
        \(tlsModule)
        \(nat ? natModules : "")

        modparam("usrloc", "db_mode", 0)
        modparam("rr", "enable_full_lr", 1)
        modparam("registrar", "max_expires", 3600)

        request_route {
        \(behaviourRoute(config.behaviour))
            if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
            if (!sanity_check()) { xlog("L_NOTICE", "LAB 400 $rm $fU $pr\\n"); exit; }
        \(nat ? "    route(NATDETECT);" : "")
            if (has_totag()) {
                if (loose_route()) { \(nat ? "if ($du == $null) { handle_ruri_alias(); } " : "")xlog("L_NOTICE", "LAB 100 $rm $fU $pr in-dialog\\n"); route(RELAY); exit; }
                if (is_method("ACK")) { if (t_check_trans()) { route(RELAY); } exit; }
                sl_send_reply("404", "Not here"); exit;
            }
            if (is_method("CANCEL")) { if (t_check_trans()) { route(RELAY); } exit; }
            t_check_trans();
            route(AUTH);
            if (is_method("REGISTER")) {
                if (!save("location")) { sl_reply_error(); xlog("L_NOTICE", "LAB 500 REGISTER $tU $pr\\n"); exit; }
                xlog("L_NOTICE", "LAB 200 REGISTER $tU $pr\\n");
                exit;
            }
            if (is_method("INVITE|SUBSCRIBE")) { record_route(); }
            if (!lookup("location")) {
                xlog("L_NOTICE", "LAB 404 $rm $rU $pr\\n");
                sl_send_reply("404", "Not Found"); exit;
            }
            xlog("L_NOTICE", "LAB 100 $rm $fU $pr relay to $rU at $du$ru\\n");
            route(RELAY);
        }

        route[PASSWORD] {
            $var(pw) = "";
        \(passwords)
        }

        route[AUTH] {
            route(PASSWORD);
            if (is_method("REGISTER")) {
                if ($var(pw) == "" || !pv_www_authenticate("$td", "$var(pw)", "0")) {
                    xlog("L_NOTICE", "LAB 401 REGISTER $tU $pr\\n");
                    www_challenge("$td", "0"); exit;
                }
                if ($au != $tU) { xlog("L_NOTICE", "LAB 403 REGISTER $tU $pr\\n"); sl_send_reply("403", "Forbidden"); exit; }
                consume_credentials();
                return;
            }
            if (is_method("INVITE|MESSAGE|SUBSCRIBE|OPTIONS|REFER|NOTIFY|PUBLISH")) {
                if ($var(pw) == "" || !pv_proxy_authenticate("$fd", "$var(pw)", "0")) {
                    xlog("L_NOTICE", "LAB 407 $rm $fU $pr\\n");
                    proxy_challenge("$fd", "0"); exit;
                }
                if ($au != $fU) { xlog("L_NOTICE", "LAB 403 $rm $fU $pr\\n"); sl_send_reply("403", "Forbidden"); exit; }
                consume_credentials();
            }
        }

        route[RELAY] {
            if (!t_relay()) { sl_reply_error(); }
            exit;
        }
        \(nat ? natRoutes : "")

        """
    }

    /// nathelper, and the registrar storing a NATed contact's public source as `received`.
    private static let natModules = """
        loadmodule "nathelper.so"
        modparam("nathelper|registrar", "received_avp", "$avp(RECEIVED)")
        modparam("nathelper", "natping_interval", 0)
        """

    /// The NAT routes of Kamailio's stock kamailio.cfg (WITH_NAT), trimmed to one proxy:
    /// a request whose Contact is private or whose source differs from its Via gets its
    /// public source remembered (`fix_nated_register` for REGISTER, `;alias=` on the
    /// Contact otherwise); a reply with a private Contact gets its public source instead.
    private static let natRoutes = """
        route[NATDETECT] {
            force_rport();
            if (nat_uac_test("19")) {
                if (is_method("REGISTER")) { fix_nated_register(); } else { set_contact_alias(); }
                xlog("L_NOTICE", "LAB 0 $rm $fU $pr nat from $si:$sp\\n");
            }
        }

        onreply_route {
            if (nat_uac_test("1")) { fix_nated_contact(); }
        }

        """

    /// The first lines of `request_route`: nothing for the registrar; for the other
    /// behaviours, what they do to every request, then `exit`.
    private static func behaviourRoute(_ behaviour: Behaviour) -> String {
        switch behaviour {
        case .registrar:
            ""
        case .drop:
            "    xlog(\"L_NOTICE\", \"LAB 0 $rm $fU $pr dropped\\n\"); drop;"
        case let .reply(status, reason):
            "    xlog(\"L_NOTICE\", \"LAB \(status) $rm $fU $pr\\n\"); sl_send_reply(\"\(status)\", \"\(escape(reason))\"); exit;"
        }
    }

    /// tls.cfg: the server certificate for every TLS listener; clients are not asked for
    /// one, and Kamailio's own outgoing TLS does not verify (the lab's peers use lab CAs).
    static func tlsConfig(_ tls: TLS) -> String {
        """
        [server:default]
        method = TLSv1.2+
        verify_certificate = no
        require_certificate = no
        certificate = \(tls.chain.path)
        private_key = \(tls.key.path)

        [client:default]
        method = TLSv1.2+
        verify_certificate = no
        require_certificate = no

        """
    }

    /// Quotes a value for a kamailio.cfg string literal.
    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
