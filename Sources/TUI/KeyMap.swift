/// Every key, for the help screen (`?`) and the man page. One table so the two cannot drift
/// from what `TUIState.handle` does (a test checks each letter here is handled).
public enum KeyMap {
    public struct Binding: Sendable, Equatable {
        /// How the key is written: `a`, `Tab`, `Ctrl-L`.
        public var keys: String
        public var action: String
    }

    public struct Section: Sendable, Equatable {
        public var title: String
        public var bindings: [Binding]
    }

    public static let sections: [Section] = [
        Section(title: "Anywhere", bindings: [
            Binding(keys: "Enter", action: "dial what is typed (number, URI, contact) or run the : command"),
            Binding(keys: ":", action: "a command of the command language (:help lists them)"),
            Binding(keys: "/", action: "filter the pane (Enter keeps the filter, Esc clears it)"),
            Binding(keys: "Tab Shift-Tab", action: "complete a command, contact or number; empty line: panes"),
            Binding(keys: "Up Down", action: "earlier and later input lines (kept across runs)"),
            Binding(keys: "PgUp PgDn", action: "scroll the pane (and this help)"),
            Binding(keys: "Esc", action: "clear the line, leave a mode"),
            Binding(keys: "?", action: "this help (on an empty line); other keys close it"),
            Binding(keys: "Ctrl-A E U W L", action: "line start, line end, delete to start, delete a word; redraw"),
            Binding(keys: "Ctrl-C", action: "quit: hang up all calls, unregister, exit (also :quit)"),
        ]),
        Section(title: "On an empty line, with a call", bindings: [
            Binding(keys: "a r b", action: "answer, reject (603) or reject as busy (486) the ringing call"),
            Binding(keys: "h", action: "hang up the current call"),
            Binding(keys: "m M", action: "mute or unmute the current call (m), the microphone for every call (M)"),
            Binding(keys: "o", action: "put the current call on hold, or take it off hold"),
            Binding(keys: "s", action: "switch to the next call (the others are held)"),
            Binding(keys: "c", action: "conference: every answered call off hold, mixed together"),
            Binding(keys: "t", action: "transfer the current call: type the target, Enter"),
            Binding(keys: "R", action: "start or stop recording the current call"),
            Binding(keys: "k", action: "DTMF keypad: 0-9 * # A-D send tones; Esc or k leaves it"),
        ]),
    ]
}
