package org.qnetstack.api.stress;

import java.util.Map;
import org.qnetstack.api.Basis;
import org.qnetstack.api.EprMeasurement;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.MeasureBasis;
import org.qnetstack.api.SimulatedNetwork;

/**
 * The program of issue 15 that raced the kernel: on socket 0 sequential programs alternate a batch of measured
 * pairs ({@code createMeasure(20, RANDOM_XZ).collectList().block()}) with one kept pair
 * ({@code createKeep().block()}), bob mirroring; on socket 1 a plain sequential keep loop; beside them, reactive
 * programs take kept pairs one by one on socket 2. Every outcome, pair id and the final time go into a
 * fingerprint: two runs of one seed must give the same.
 */
public final class StressRun {
    private StressRun() {
    }

    /** What a run gave. */
    public record Result(long fingerprint, long simulatedNanos, long measured, long kept) {
    }

    public static Result run(long seed, int rounds) {
        long[] alice = new long[3];
        long[] bob = new long[3];
        try (SimulatedNetwork net = SimulatedNetwork.builder().seed(seed).node("alice", "ideal", Map.of("qubits", 4))
                .node("bob", "ideal", Map.of("qubits", 4)).link("alice", "bob", 10).build()) {
            net.run("alice", node -> {
                EprSocket mixed = node.eprSocket("bob", 0);
                for (int i = 0; i < rounds; i++) {
                    for (EprMeasurement m : mixed.createMeasure(20, MeasureBasis.RANDOM_XZ).collectList().block()) {
                        fold(alice, m.id().hashCode() * 31L + m.axis().hashCode() * 2L + m.outcome());
                        alice[1]++;
                    }
                    EprPair p = mixed.createKeep().block();
                    fold(alice, p.id().hashCode() * 31L + p.qubit().measure(Basis.Z).block());
                    alice[2]++;
                }
            });
            net.run("bob", node -> {
                EprSocket mixed = node.eprSocket("alice", 0);
                for (int i = 0; i < rounds; i++) {
                    for (EprMeasurement m : mixed.recvMeasure(20).collectList().block()) {
                        fold(bob, m.id().hashCode() * 31L + m.axis().hashCode() * 2L + m.outcome());
                    }
                    EprPair p = mixed.recvKeep().block();
                    fold(bob, p.id().hashCode() * 31L + p.qubit().measure(Basis.Z).block());
                }
            });
            net.run("alice", node -> {
                EprSocket plain = node.eprSocket("bob", 1);
                for (int i = 0; i < rounds; i++) {
                    EprPair p = plain.createKeep().block();
                    fold(alice, p.id().hashCode() * 31L + p.qubit().measure(Basis.X).block());
                }
            });
            net.run("bob", node -> {
                EprSocket plain = node.eprSocket("alice", 1);
                for (int i = 0; i < rounds; i++) {
                    EprPair p = plain.recvKeep().block();
                    fold(bob, p.id().hashCode() * 31L + p.qubit().measure(Basis.X).block());
                }
            });
            net.runReactive("alice", node -> node.eprSocket("bob", 2).createKeep(rounds,
                    pair -> pair.qubit().measure(Basis.Z)).doOnNext(b -> fold(alice, b)));
            net.runReactive("bob", node -> node.eprSocket("alice", 2).recvKeep(rounds,
                    pair -> pair.qubit().measure(Basis.Z)).doOnNext(b -> fold(bob, b)));
            net.awaitCompletion();
            long fingerprint = (alice[0] * 1_000_003L) ^ bob[0] ^ (net.nanos() * 31L);
            return new Result(fingerprint, net.nanos(), alice[1], alice[2]);
        }
    }

    private static void fold(long[] acc, long value) {
        acc[0] = acc[0] * 6_364_136_223_846_793_005L + value;
    }
}
