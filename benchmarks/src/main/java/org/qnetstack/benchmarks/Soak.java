package org.qnetstack.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.qnetstack.api.EprException;
import org.qnetstack.api.MeasureBasis;
import org.qnetstack.api.Node;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Soak benchmark (issue 15): one network, alive for the whole run, serves many rounds of mixed requests, and the
 * heap after a full GC must not grow with the pairs made. Three ideal nodes in a chain {@code a - b - c}: over the
 * one link a–b, kept pairs (measured at both ends), measured pairs, and requests cancelled part-way (the creator
 * takes a few pairs of a larger request and cancels the rest); over the chain a–c, kept end-to-end pairs (measured
 * at both ends: measure-directly pairs across repeaters are not supported). Five requests a round. After a
 * warm-up ({@value #WARM_UP_PAIRS} pairs, or a fifth of a shorter run) it prints the heap used after GC, the live
 * threads and the qubits in use; then every tenth of the run, and at the end with the growth. Exit status 1 if the
 * heap grew by more than 10% or a qubit is still in use at the end.
 *
 * <pre>mvn -q -ntp -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.qnetstack.benchmarks.Soak [--pairs N] [--seed S]</pre>
 */
public final class Soak {
    static final long DEFAULT_PAIRS = 10_000_000L;
    /**
     * Pairs made before the first sample: past the JIT's warm-up and the network layer's bounded memories of recent
     * deliveries (a thousand end-to-end pairs, filled by about 350,000 pairs of this mix).
     */
    static final long WARM_UP_PAIRS = 1_000_000L;
    static final int KEPT = 2;
    static final int MEASURED = 1000;
    static final int TAKEN = 8;
    /** Pairs a round makes at a: five requests, one of them cancelled after {@value #TAKEN} pairs. */
    static final int PAIRS_PER_ROUND = KEPT + MEASURED + TAKEN + 1 + KEPT;
    static final double MAX_GROWTH = 0.10;

    private Soak() {
    }

    /** Figures at one moment of the run. */
    record Sample(long pairs, long heapBytes, int threads, int qubitsInUse, double wallSeconds) {
    }

    public static void main(String[] args) {
        long pairs = DEFAULT_PAIRS;
        long seed = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pairs" -> pairs = Long.parseLong(value(args, ++i, "--pairs"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                default -> {
                    System.err.println("usage: Soak [--pairs N] [--seed S]   (unknown argument " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        if (pairs < 1) {
            System.err.println("--pairs must be ≥ 1 (was " + pairs + ")");
            System.exit(2);
        }
        System.exit(run(pairs, seed) ? 0 : 1);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    /** Runs the soak and prints its figures; true if it passes. */
    static boolean run(long pairs, long seed) {
        long start = System.nanoTime();
        long rounds = (pairs + PAIRS_PER_ROUND - 1) / PAIRS_PER_ROUND;
        long warmUpRounds = Math.min(WARM_UP_PAIRS, pairs / 5) / PAIRS_PER_ROUND;
        long reportEvery = Math.max(rounds / 10, 1);
        AtomicLong made = new AtomicLong();
        Sample[] first = new Sample[1];
        try (SimulatedNetwork net = SimulatedNetwork.of(chain(seed))) {
            // The programs live as long as the network: one run of the simulation, sampled from a's program
            // between two rounds (the other ends may be within a round: a few pairs in flight, no more).
            net.runReactive("a", a -> Flux.range(0, Math.toIntExact(rounds)).concatMap(i -> {
                if (i == warmUpRounds) {
                    first[0] = sample(net, made.get(), start);
                    print("after warm-up", first[0]);
                } else if (i > warmUpRounds && i % reportEvery == 0) {
                    print("progress", sample(net, made.get(), start));
                }
                return creatorRound(a, made);
            }));
            net.runReactive("b", b -> Flux.range(0, Math.toIntExact(rounds)).concatMap(i -> linkReceiverRound(b)));
            net.runReactive("c", c -> Flux.range(0, Math.toIntExact(rounds)).concatMap(i -> chainReceiverRound(c)));
            net.awaitCompletion(Duration.ofDays(3650));
            Sample last = sample(net, made.get(), start);
            print("end", last);
            double growth = (double) (last.heapBytes() - first[0].heapBytes()) / first[0].heapBytes();
            boolean ok = growth <= MAX_GROWTH && last.qubitsInUse() == 0;
            System.out.printf(Locale.ROOT, "heap growth %+.1f%% (limit +%.0f%%), qubits in use %d: %s%n", 100 * growth,
                    100 * MAX_GROWTH, last.qubitsInUse(), ok ? "PASS" : "FAIL");
            return ok;
        }
    }

    private static void print(String when, Sample s) {
        System.out.printf(Locale.ROOT, "%-14s pairs %,13d  heap after GC %,8.2f MiB  threads %3d  qubits in use %d"
                + "  wall %,8.1f s%n", when, s.pairs(), s.heapBytes() / 1048576.0, s.threads(), s.qubitsInUse(),
                s.wallSeconds());
    }

    private static Sample sample(SimulatedNetwork net, long pairs, long start) {
        long heap = heapUsedAfterGc();
        int qubits = 0;
        for (String n : List.of("a", "b", "c")) {
            qubits += net.node(n).qubitsInUse();
        }
        return new Sample(pairs, heap, ManagementFactory.getThreadMXBean().getThreadCount(), qubits,
                (System.nanoTime() - start) / 1e9);
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Ideal nodes a - b - c, 1 km apart. */
    static PlatformSpec chain(long seed) {
        List<NodeSpec> nodes = new ArrayList<>();
        List<LinkSpec> links = new ArrayList<>();
        for (String n : List.of("a", "b", "c")) {
            nodes.add(new NodeSpec(n, "ideal", Map.of("communicationQubits", 2), 0));
        }
        for (String[] ends : new String[][] {{"a", "b"}, {"b", "c"}}) {
            String name = ends[0] + "-" + ends[1];
            links.add(new LinkSpec(name, ends[0], ends[1], 1, HeraldingScheme.SINGLE_CLICK,
                    new StationSpec(name + "-station", StationSpec.SIMULATED_DETECTORS), Map.of()));
        }
        return new PlatformSpec(seed, nodes, links);
    }

    /** Socket ids: one per kind of request, so that a cancelled request's stragglers meet no other request. */
    private static final int KEEP = 0;
    private static final int MEASURE = 1;
    private static final int CANCEL = 2;

    private static Mono<Void> creatorRound(Node a, AtomicLong made) {
        Mono<Long> keep = a.eprSocket("b", KEEP).createKeep(KEPT).concatMap(p -> p.qubit().measure()).count();
        Mono<Long> measure = a.eprSocket("b", MEASURE).createMeasure(MEASURED, MeasureBasis.RANDOM_XZ).count();
        // Takes a few pairs of a larger request and cancels the rest: it ends CANCELLED at both ends.
        Mono<Long> cancel = a.eprSocket("b", CANCEL).createMeasure(8 * TAKEN, MeasureBasis.Z).take(TAKEN).count();
        Mono<Long> chainKeep = a.eprSocket("c", KEEP).createKeep(1).concatMap(p -> p.qubit().measure()).count();
        // Measure-directly pairs across repeaters are not supported: kept pairs measured at once instead.
        Mono<Long> chainMore = a.eprSocket("c", MEASURE).createKeep(KEPT).concatMap(p -> p.qubit().measure()).count();
        return Flux.concat(keep, measure, cancel, chainKeep, chainMore).doOnNext(made::addAndGet).then();
    }

    private static Mono<Void> linkReceiverRound(Node b) {
        Mono<Long> keep = b.eprSocket("a", KEEP).recvKeep(KEPT).concatMap(p -> p.qubit().measure()).count();
        Mono<Long> measure = b.eprSocket("a", MEASURE).recvMeasure(MEASURED).count();
        Mono<Long> cancel = b.eprSocket("a", CANCEL).recvMeasure(8 * TAKEN)
                .onErrorResume(EprException.class, e -> Flux.empty()).count();
        return Flux.concat(keep, measure, cancel).then();
    }

    private static Mono<Void> chainReceiverRound(Node c) {
        Mono<Long> keep = c.eprSocket("a", KEEP).recvKeep(1).concatMap(p -> p.qubit().measure()).count();
        Mono<Long> more = c.eprSocket("a", MEASURE).recvKeep(KEPT).concatMap(p -> p.qubit().measure()).count();
        return Flux.concat(keep, more).then();
    }
}
