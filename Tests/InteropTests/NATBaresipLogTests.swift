import Testing
import TestLab

/// Reading baresip's ICE dump: the selected pair of each component is the last line
/// marked `*` in its "Valid list".
@Suite(.timeLimit(.minutes(1)))
struct NATBaresipLogTests {
    /// An excerpt of a real dump (cone ↔ symmetric, rtcp-mux off), dumped twice as baresip does.
    static let dump = """
     Valid list:  (4)
      *  {comp=1}  Succeeded { VN} eth0:host:10.0.1.2:38128 <---> host:10.0.1.3:8568
      *  {comp=2}  Succeeded { VN} eth0:host:10.0.1.2:38129 <---> host:10.0.1.3:8569
         {comp=1}     Failed { VN} eth0:srflx:203.0.113.101:38128 <---> relay:203.0.113.20:49225
    [31micecomp: {audio.1} set_selected: invalid state 'Failed' [{comp=1}     Failed { V } eth0:srflx:1.2.3.4:5 <---> relay:1.2.3.4:6]
     Valid list:  (3)
      *  {comp=1}  Succeeded {DVN} eth0:relay:203.0.113.20:49197 <---> srflx:203.0.113.103:40000
         {comp=2}  Succeeded {DVN} eth0:relay:203.0.113.20:49247 <---> relay:203.0.113.20:49207
    """

    @Test func theLastMarkedPairOfEachComponentIsSelected() {
        let pairs = Baresip.selectedPairs(inLog: Self.dump)
        #expect(pairs.map(\.description) == ["1:relay→srflx", "2:host→host"])
    }

    @Test func aLogWithoutADumpHasNoSelectedPair() {
        #expect(Baresip.selectedPairs(inLog: "ice: all components gathered.\n*  nothing <---> here").isEmpty)
    }
}
