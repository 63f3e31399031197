package org.qnetstack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;

/**
 * A node that crashes takes the circuits through it with it: their ends hear UNREACHABLE naming it, every
 * other node frees what it held for them, requests that would need it are refused at once, and circuits that
 * do not go through it are not disturbed.
 */
class NodeDownTest {
    private static final Map<String, Object> TWO_EMITTERS = Map.of("qubits", 4, "communicationQubits", 2);

    private static PairRequest request(String to, int number) {
        return new PairRequest(to, RequestType.KEEP, number, 0.5, MeasureBasis.Z, SimulatedChain.SOCKET, 0,
                CircuitPolicy.NONE);
    }

    private final java.util.Set<org.qnetstack.link.EntanglementId> released = new java.util.HashSet<>();
    private final List<Double> fidelities = new java.util.ArrayList<>();

    /**
     * Takes the pairs both ends now hold, as programs would: notes each one's true fidelity, then releases both
     * halves.
     */
    private void take(SimulatedChain chain, String x, String y) {
        for (EndToEndPair a : chain.pairs.get(x)) {
            for (EndToEndPair b : chain.pairs.get(y)) {
                if (a.pairId().equals(b.pairId()) && released.add(a.pairId())) {
                    assertEquals(a.bellIndex(), b.bellIndex());
                    fidelities.add(chain.trueFidelity(x, a, y, b, b.bellIndex()));
                    chain.release(x, a.qubit());
                    chain.release(y, b.qubit());
                }
            }
        }
    }

    /** Runs until the condition holds, the ends taking their pairs as they come. */
    private void runUntil(SimulatedChain chain, java.util.function.BooleanSupplier done, String... ends) {
        chain.platform.runUntil(() -> {
            for (int i = 0; i < ends.length; i += 2) {
                take(chain, ends[i], ends[i + 1]);
            }
            return done.getAsBoolean();
        }, 60_000_000_000L);
        for (int i = 0; i < ends.length; i += 2) {
            take(chain, ends[i], ends[i + 1]);
        }
    }

    @Test
    void aCrashedRepeaterTearsDownItsCircuitsAndRequestsOverItFailFast() {
        try (SimulatedChain chain = new SimulatedChain(SimulatedChain.spec(5, "ideal", TWO_EMITTERS, 71))) {
            chain.services.get("n0").request(request("n4", 1_000_000));
            runUntil(chain, () -> chain.pairs.get("n4").size() >= 3, "n0", "n4");
            int delivered = chain.pairs.get("n4").size();

            chain.crash("n2");
            // The head's request ends; the tail hears of it only if it had joined the circuit in the making (it
            // has no request of its own: the runtime fails its receives, knowing every path goes through n2).
            assertEquals(1, chain.errors.get("n0").size(), chain.errors.get("n0").toString());
            assertTrue(chain.errors.get("n4").size() <= 1, chain.errors.get("n4").toString());
            for (String end : List.of("n0", "n4")) {
                List<NetworkError> errors = chain.errors.get(end);
                if (errors.isEmpty()) {
                    continue;
                }
                NetworkError e = errors.get(0);
                assertEquals(LinkErrorCode.UNREACHABLE, e.code());
                assertTrue(e.message().startsWith("n2 is down") && e.message().contains("retry once n2 is back"),
                        e.message());
                assertEquals(end.equals("n0") ? "n4" : "n0", e.remoteNode());
            }
            // A pair the head had been handed just before the crash, whose swap reports never reached the tail, is
            // the head program's to release, as it would any pair it got.
            List<EndToEndPair> orphans = chain.pairs.get("n0").stream().filter(p -> !released.contains(p.pairId()))
                    .toList();
            assertTrue(orphans.size() <= 1, orphans.toString());
            orphans.forEach(p -> chain.release("n0", p.qubit()));
            delivered += orphans.size();
            chain.settle();
            for (String n : List.of("n0", "n1", "n3", "n4")) {
                assertEquals(0, chain.memories.get(n).inUse(), n + " holds nothing for the torn-down circuit");
            }
            assertEquals(delivered - orphans.size(), chain.pairs.get("n4").size(), "nothing more was delivered");

            NoRouteException refused = assertThrows(NoRouteException.class,
                    () -> chain.services.get("n0").request(request("n4", 1)));
            assertTrue(refused.getMessage().contains("goes through a node that is down (crashed or cut off: n2)"),
                    refused.getMessage());
            assertTrue(chain.services.get("n0").unreachableBecauseDown("n4").contains("n2"));
            assertEquals(null, chain.services.get("n0").unreachableBecauseDown("n1"));
            assertThrows(NoRouteException.class, () -> chain.services.get("n4").request(request("n2", 1)));

            // Reported down again (twice): nothing more happens.
            chain.services.get("n0").peerDown("n2");
            chain.links.get("n1").peerDown("n2");
            assertEquals(1, chain.errors.get("n0").size());

            // Circuits that avoid n2 work as before.
            chain.services.get("n0").request(request("n1", 5));
            chain.services.get("n3").request(request("n4", 5));
            int before = fidelities.size();
            runUntil(chain, () -> fidelities.size() == before + 10, "n0", "n1", "n3", "n4");
            assertEquals(5, chain.pairs.get("n1").size());
            assertEquals(5, chain.pairs.get("n3").size());
            assertEquals(delivered - orphans.size() + 10, fidelities.size(), "each pair reached both ends");
            fidelities.forEach(f -> assertEquals(1.0, f, 1e-9));
            assertEquals(1, chain.errors.get("n0").size());
            chain.settle();
            for (String n : List.of("n0", "n1", "n3", "n4")) {
                assertEquals(0, chain.memories.get(n).inUse(), n);
            }
        }
    }

    @Test
    void aCrashedLeafDoesNotDisturbCircuitsThatAvoidIt() {
        try (SimulatedChain chain = new SimulatedChain(SimulatedChain.spec(5, "ideal", TWO_EMITTERS, 72))) {
            chain.services.get("n0").request(request("n2", 40));
            runUntil(chain, () -> chain.pairs.get("n2").size() >= 10, "n0", "n2");
            chain.crash("n4");
            chain.crash("n4"); // told twice
            runUntil(chain, () -> fidelities.size() == 40, "n0", "n2");
            assertEquals(40, chain.pairs.get("n0").size());
            assertEquals(40, chain.pairs.get("n2").size());
            assertEquals(40, fidelities.size());
            fidelities.forEach(f -> assertEquals(1.0, f, 1e-9));
            assertEquals(List.of(), chain.errors.get("n0"));
            assertEquals(List.of(), chain.errors.get("n2"));
            chain.settle();
            for (String n : List.of("n0", "n1", "n2", "n3")) {
                assertEquals(0, chain.memories.get(n).inUse(), n);
            }
        }
    }
}
