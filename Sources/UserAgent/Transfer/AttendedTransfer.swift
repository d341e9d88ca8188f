import SIPMessage

/// Attended transfer (RFC 5589 §7, RFC 3891): the Refer-To that names the consultation
/// call's dialog, and finding the call an INVITE with Replaces means. Pure.
public enum AttendedTransfer {
    /// `target` with `?Replaces=…` naming the dialog `callID` as the target sees it: its
    /// own tag (`to-tag`, our remote tag) and ours (`from-tag`).
    public static func referTo(target: SIPURI, callID: String, ourTag: String, theirTag: String) -> SIPURI {
        var uri = target
        uri.headers = [URIHeader("Replaces", escape("\(callID);to-tag=\(theirTag);from-tag=\(ourTag)"))]
        return uri
    }

    /// The Replaces header a Refer-To URI carries, decoded; nil for a blind transfer.
    public static func replaces(in target: SIPURI) -> String? {
        target.headers.first { $0.decodedName.lowercased() == "replaces" }?.decodedValue
    }

    /// Which of `dialogs` (Call-ID, our tag, their tag) a Replaces header names, by index;
    /// nil when none (RFC 3891 §3: to-tag is ours, from-tag theirs).
    public static func match(_ replaces: Replaces, in dialogs: [(callID: String, localTag: String, remoteTag: String)]) -> Int? {
        dialogs.firstIndex { $0.callID == replaces.callID && $0.localTag == replaces.toTag && $0.remoteTag == replaces.fromTag }
    }

    /// RFC 3261 §25.1 `hvalue`: unreserved and a few marks stay, the rest is %XX.
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII, c.isLetter || c.isNumber || "-_.!~*'()[]/?:+$".contains(c) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
