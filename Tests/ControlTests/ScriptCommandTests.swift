import Testing
import UserAgent
@testable import Control

@Suite(.timeLimit(.minutes(1)))
struct ScriptCommandTests {
    @Test func waitsParse() throws {
        #expect(try ScriptCommand.parse("wait registered") == .wait(.registered(account: nil), timeout: .seconds(30)))
        #expect(try ScriptCommand.parse("wait registered work 5") == .wait(.registered(account: "work"), timeout: .seconds(5)))
        #expect(try ScriptCommand.parse("wait registered 2.5") == .wait(.registered(account: nil), timeout: .milliseconds(2500)))
        #expect(try ScriptCommand.parse("WAIT call established") == .wait(.call(nil, .established), timeout: .seconds(30)))
        #expect(try ScriptCommand.parse("wait call ringing 10") == .wait(.call(nil, .ringing), timeout: .seconds(10)))
        #expect(try ScriptCommand.parse("wait call 2 ended 1") == .wait(.call(2, .ended), timeout: .seconds(1)))
        #expect(try ScriptCommand.parse("wait call 2 held") == .wait(.call(2, .held), timeout: .seconds(30)))
        #expect(try ScriptCommand.parse("wait dtmf 12#a 4") == .wait(.dtmf("12#A"), timeout: .seconds(4)))
        #expect(try ScriptCommand.parse("sleep 0.25") == .sleep(.milliseconds(250)))
    }

    @Test func otherLinesAreNotScripting() throws {
        #expect(try ScriptCommand.parse("call bob") == nil)
        #expect(try ScriptCommand.parse("") == nil)
        #expect(try ScriptCommand.parse("# wait call ended") == nil)
    }

    @Test func badWaitsAreRefusedWithAReason() {
        for line in ["wait", "wait forever", "wait call", "wait call dancing", "wait call x established",
                     "wait dtmf", "wait dtmf 12z", "sleep", "sleep -1", "sleep 1e3", "sleep 99999999",
                     "wait registered a b c", "wait call 1 2 3 4", "sleep 1 2", "wait call \"established"] {
            #expect(throws: ScriptError.self, "\(line)") { try ScriptCommand.parse(line) }
        }
        #expect(throws: ScriptError("wait call: unknown state dancing (one of trying, proceeding, ringing, early, incoming, established, held, ended)")) {
            try ScriptCommand.parse("wait call dancing")
        }
    }
}
