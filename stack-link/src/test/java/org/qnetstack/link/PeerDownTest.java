package org.qnetstack.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.Platform;
import org.qnetstack.link.internal.DefaultLinkService;
import org.qnetstack.physical.HeraldingStation;
import org.qnetstack.physical.PhysicalLayer;
import org.qnetstack.physical.QubitMemory;
import org.qnetstack.physical.internal.DelayedClassicalNetwork;

/**
 * A neighbour that crashes: the survivor's link layer, told so, frees every qubit it holds for the link at
 * once and ends the open request with UNREACHABLE; while the neighbour is down requests to it are refused;
 * once it is back with a fresh stack, pairs flow again with both ends agreeing on every one.
 */
class PeerDownTest {
    private static final int PURPOSE = 7;

    /** Two nodes, a station, and a fresh stack for whichever node restarts. */
    private static final class World implements AutoCloseable {
        final Platform platform;
        final DelayedClassicalNetwork network;
        final HeraldingStation station;
        final QubitMemory[] memory = new QubitMemory[2];
        final DefaultLinkService[] stack = new DefaultLinkService[2];
        final List<List<LinkPair>> pairs = List.of(new ArrayList<>(), new ArrayList<>());
        final List<List<LinkError>> errors = List.of(new ArrayList<>(), new ArrayList<>());

        World(String attempts) {
            platform = Drivers.openPlatform(URI.create("sim:world"), StepVersusSkipTest.network(attempts, 61));
            network = new DelayedClassicalNetwork(platform);
            station = new HeraldingStation(platform.link("alice-bob"), platform.detectorController("alice-bob"),
                    platform.scheduler("alice-bob-station"), network);
            station.start();
            boot(0);
            boot(1);
        }

        static String name(int i) {
            return i == 0 ? "alice" : "bob";
        }

        /** A fresh stack for the node, which keeps the pairs it is handed (their qubits stay allocated). */
        void boot(int i) {
            PhysicalLayer physical = PhysicalLayer.on(name(i), platform);
            memory[i] = physical.memory();
            stack[i] = new DefaultLinkService(physical, network);
            stack[i].listen(PURPOSE, FaultyClassicalNetworkTest.recorder(pairs.get(i), () -> { }, errors.get(i)));
        }

        /** The node's stack stops and its device forgets everything, as in a crash; nobody is told yet. */
        void crash(int i) {
            network.disconnect(name(i));
            stack[i].close();
            for (int q = 0; q < memory[i].capacity(); q++) {
                platform.device(name(i)).discard(q);
            }
            station.endDown(name(i));
        }

        void restart(int i) {
            boot(i);
            network.reconnect(name(i));
            station.endRestarted(name(i));
        }

        void run(long nanos) {
            platform.runUntil(() -> false, nanos);
        }

        void freeDelivered(int i) {
            for (LinkPair p : pairs.get(i)) {
                if (p.qubit() >= 0 && memory[i].isAllocated(p.qubit())) {
                    platform.device(name(i)).discard(p.qubit());
                    memory[i].free(p.qubit());
                }
            }
        }

        List<LinkError> ends(int i) {
            return errors.get(i).stream().filter(e -> e.code() != LinkErrorCode.EXPIRE).toList();
        }

        @Override
        public void close() {
            stack[0].close();
            stack[1].close();
            station.stop();
            platform.close();
        }
    }

    @ParameterizedTest(name = "{0} crashes, attempts {2}")
    @CsvSource({"alice, 0, skip", "bob, 1, skip", "alice, 0, step", "bob, 1, step"})
    void theSurvivorFreesTheLinksQubitsFailsTheRequestAndServesTheRestartedNode(String crashing, int dead,
                                                                                 String attempts) {
        int alive = 1 - dead;
        String deadName = World.name(dead);
        try (World w = new World(attempts)) {
            // Atomic: nothing is handed up before the last pair, so the qubits in use are the stack's own (pairs
            // being moved to storage, held for agreement, or buffered for the rest).
            CreateId id = w.stack[alive].create(new CreateRequest(deadName, RequestType.KEEP, 3, 0.85, MeasureBasis.Z,
                    PURPOSE).withAtomic(true));
            w.platform.runUntil(() -> w.memory[alive].inUse() >= 2, 60_000_000_000L);
            assertEquals(List.of(), w.pairs.get(alive), "an atomic request hands nothing up before its last pair");
            assertTrue(w.memory[alive].inUse() >= 2, "the stack holds the pairs made so far");

            w.crash(dead);
            w.run(1_000_000); // 1 ms: the survivor has not been told, its protocol still waits
            assertEquals(List.of(), w.ends(alive));
            assertEquals(1, w.stack[alive].peerDown(deadName));
            assertEquals(0, w.memory[alive].inUse(), "every qubit held for the link is freed at once");
            assertEquals(1, w.ends(alive).size());
            LinkError end = w.ends(alive).get(0);
            assertEquals(LinkErrorCode.UNREACHABLE, end.code());
            assertEquals(id, end.createId());
            assertTrue(end.message().contains(deadName + " is down") && end.message().contains("retry"), end.message());
            assertEquals(0, w.stack[alive].peerDown(deadName), "down twice: nothing more to end");

            // While it is down, a request to it is refused (after the ACK, on the loop), and nothing is held.
            CreateId refused = w.stack[alive].create(new CreateRequest(deadName, RequestType.KEEP, 1, 0.85,
                    MeasureBasis.Z, PURPOSE));
            w.run(100_000_000);
            assertEquals(2, w.ends(alive).size());
            assertEquals(refused, w.ends(alive).get(1).createId());
            assertEquals(LinkErrorCode.UNREACHABLE, w.ends(alive).get(1).code());
            assertEquals(0, w.memory[alive].inUse());

            // Back with a fresh stack: requests from either end are served, both ends agreeing on each pair.
            w.restart(dead);
            w.stack[alive].peerUp(deadName);
            w.stack[alive].peerUp(deadName); // twice: the same
            List<LinkPair> before = List.copyOf(w.pairs.get(alive));
            w.pairs.get(alive).clear();
            w.stack[alive].create(new CreateRequest(deadName, RequestType.MEASURE, 200, 0.85, MeasureBasis.Z, PURPOSE));
            w.stack[dead].create(new CreateRequest(World.name(alive), RequestType.KEEP, 2, 0.85, MeasureBasis.Z, PURPOSE));
            w.platform.runUntil(() -> w.pairs.get(0).size() == 202 && w.pairs.get(1).size() == 202, 60_000_000_000L);
            assertEquals(List.of(), before);
            assertEquals(202, w.pairs.get(alive).size());
            assertEquals(202, w.pairs.get(dead).size());
            assertEquals(0, FaultyClassicalNetworkTest.mismatches(w.pairs.get(0), w.pairs.get(1)));
            assertEquals(2, w.ends(alive).size(), "no further error: " + w.errors.get(alive));
            assertEquals(List.of(), w.ends(dead));
            w.freeDelivered(0);
            w.freeDelivered(1);
            w.run(100_000_000);
            assertEquals(0, w.memory[0].inUse());
            assertEquals(0, w.memory[1].inUse());
        }
    }
}
