package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class SimulatedNetworkTest {

    static SimulatedNetwork twoNodes(String preset, long seed) {
        return SimulatedNetwork.builder().seed(seed).node("alice", preset).node("bob", preset)
                .link("alice", "bob", 10).build();
    }

    @Test
    void teleportsPlusOnTheIdealDeviceWithSequentialPrograms() {
        List<Integer> outcomes = new ArrayList<>();
        try (SimulatedNetwork net = twoNodes("ideal", 42)) {
            net.run("alice", node -> {
                for (int i = 0; i < 10; i++) {
                    EprPair e = node.eprSocket("bob").createKeep().block();
                    Qubit q = node.qubit().h();
                    Teleport.send(node, q, e);
                }
            });
            net.run("bob", node -> {
                for (int i = 0; i < 10; i++) {
                    EprPair e = node.eprSocket("alice").recvKeep().block();
                    Qubit q = Teleport.receive(node, e);
                    outcomes.add(q.measure(Basis.X).block());
                }
            });
            net.awaitCompletion();
            assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), outcomes);
            assertEquals(0, net.node("alice").qubitsInUse());
            assertEquals(0, net.node("bob").qubitsInUse());
        }
    }

    @Test
    void reactiveProgramsStreamMeasuredPairsWithPhiPlusCorrection() {
        List<EprMeasurement> a = new ArrayList<>();
        List<EprMeasurement> b = new ArrayList<>();
        try (SimulatedNetwork net = twoNodes("ideal", 7)) {
            long eventsBefore = net.events();
            long messagesBefore = net.classicalMessages();
            net.runReactive("alice", node -> node.eprSocket("bob").phiPlus()
                    .createMeasure(100, MeasureBasis.RANDOM_XZ).doOnNext(a::add));
            net.runReactive("bob", node -> node.eprSocket("alice").phiPlus().recvMeasure(100).doOnNext(b::add));
            net.awaitCompletion();
            // What a pair costs (the bench divides these by the pairs): at least a herald, a reply and an
            // agreement message per pair, and each message is delivered by an event.
            long messages = net.classicalMessages() - messagesBefore;
            assertTrue(messages >= 2 * 100, "classical messages: " + messages);
            assertTrue(net.events() - eventsBefore >= messages, "events " + (net.events() - eventsBefore));
        }
        assertEquals(100, a.size());
        assertEquals(100, b.size());
        int sameBasis = 0;
        for (int i = 0; i < 100; i++) {
            assertEquals(a.get(i).id(), b.get(i).id());
            if (a.get(i).basis() == b.get(i).basis()) {
                sameBasis++;
                assertEquals(a.get(i).outcome(), b.get(i).outcome(), "Φ+ agrees in the same basis, pair " + i);
            }
        }
        assertTrue(sameBasis > 30);
    }

    @Test
    void misuseThrowsTypedExceptionsAndLeavesNoQubitAllocated() {
        try (SimulatedNetwork net = twoNodes("nv-2022", 1)) {
            Node alice = net.node("alice");
            EprSocket socket = alice.eprSocket("bob");
            assertEquals("number", assertThrows(ApiMisuseException.class, () -> socket.createKeep(0)).parameter());
            assertEquals("number", assertThrows(ApiMisuseException.class, () -> socket.createKeep(-3)).parameter());
            assertEquals("minFidelity", assertThrows(ApiMisuseException.class, () -> socket.minFidelity(1.2)).parameter());
            assertEquals("minFidelity", assertThrows(ApiMisuseException.class, () -> socket.minFidelity(-0.1)).parameter());
            assertEquals("remoteNode", assertThrows(ApiMisuseException.class, () -> alice.eprSocket("mallory"))
                    .parameter());
            assertEquals(0, alice.qubitsInUse());
            assertEquals(0, net.node("bob").qubitsInUse());
        }
    }

    @Test
    void unreachableFidelityFailsTheRequestWithUnsupp() {
        try (SimulatedNetwork net = twoNodes("nv-2022", 1)) {
            List<Throwable> errors = new ArrayList<>();
            net.runReactive("alice", node -> node.eprSocket("bob").minFidelity(0.999).createKeep(1)
                    .onErrorResume(e -> {
                        errors.add(e);
                        return Flux.empty();
                    }));
            net.awaitCompletion();
            assertEquals(EprErrorCode.UNSUPP, ((EprException) errors.get(0)).code());
            assertEquals(0, net.node("alice").qubitsInUse());
        }
    }

    @Test
    void programsWaitingForEachOtherAreReportedNotHung() {
        try (SimulatedNetwork net = twoNodes("ideal", 1)) {
            net.run("bob", node -> node.classicalSocket("alice").recv().block());
            SimulationException e = assertThrows(SimulationException.class, net::awaitCompletion);
            assertTrue(e.getMessage().contains("bob"), e.getMessage());
        }
    }

    /**
     * A request the link expects to take longer than its max time (1000 nv-2022 pairs at about 0.49 s each, in
     * 2 s) is refused at once with NOTIME, nothing queued, no qubit taken; FailurePathsTest has a TIMEOUT.
     */
    @Test
    void aCreateThatWouldTakeTooLongIsRefusedWithNotimeAndTakesNoQubit() {
        try (SimulatedNetwork net = twoNodes("nv-2022", 3)) {
            List<Throwable> errors = new ArrayList<>();
            net.runReactive("alice", node -> node.eprSocket("bob").maxTime(java.time.Duration.ofSeconds(2))
                    .createKeep(1000).doOnNext(p -> p.qubit().release()).onErrorResume(e -> {
                        errors.add(e);
                        return Flux.empty();
                    }));
            net.awaitCompletion();
            assertEquals(1, errors.size());
            assertEquals(EprErrorCode.NOTIME, ((EprException) errors.get(0)).code(), errors.toString());
            assertTrue(errors.get(0).getMessage().contains("max time"), errors.get(0).getMessage());
            assertEquals(0, net.node("alice").qubitsInUse());
            assertEquals(0, net.node("bob").qubitsInUse());
        }
    }
}
