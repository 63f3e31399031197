package org.qnetstack.examples.bench;

import java.lang.management.ManagementFactory;
import org.qnetstack.sim.state.StateEngine;

/**
 * Memory scenario of issue 8: one million stored qubits, as half a million held Bell-diagonal pairs
 * (Werner pairs of slightly different fidelities, the state a large repeater network holds between
 * swaps), in one {@link StateEngine}. Measures the heap used after a full GC, before and after, and checks
 * every state reads back as set (the engine is used after the measurement, so the JIT cannot drop it).
 * Standalone, with the heap the target allows:
 *
 * <pre>java -Xmx2g -cp "$(cat cp.txt)" org.qnetstack.examples.bench.MemoryScenario [pairs]</pre>
 */
public final class MemoryScenario {
    private MemoryScenario() {
    }

    /**
     * @param pairs          pairs held
     * @param heapAfterBytes heap used after GC with every pair held
     * @param engineBytes    the increase over the heap used before
     * @param seconds        time to make them
     * @param statesCorrect  every fidelity read back equals the one set
     */
    public record Figures(int pairs, long heapAfterBytes, long engineBytes, double seconds, boolean statesCorrect) {
        public double bytesPerPair() {
            return (double) engineBytes / pairs;
        }
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        Figures f = run(pairs);
        System.out.printf("pairs: %,d (%,d qubits) made in %.2f s; heap used after GC %,d MiB (max heap %,d MiB); "
                        + "engine %.1f bytes per pair; states read back %s%n", f.pairs(), 2L * f.pairs(), f.seconds(),
                f.heapAfterBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20, f.bytesPerPair(),
                f.statesCorrect() ? "correct" : "WRONG");
        System.exit(!f.statesCorrect() ? 2 : f.heapAfterBytes() > 2L << 30 ? 1 : 0);
    }

    public static Figures run(int pairs) {
        if (pairs <= 0) {
            throw new IllegalArgumentException("pairs must be positive: " + pairs);
        }
        long before = heapUsedAfterGc();
        long start = System.nanoTime();
        StateEngine engine = new StateEngine();
        int[] first = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            int a = engine.allocate();
            int b = engine.allocate();
            double f = fidelity(i);
            double rest = (1 - f) / 3;
            engine.setBellDiagonal(a, b, new double[] {f, rest, rest, rest});
            first[i] = a;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = heapUsedAfterGc();
        double readBack = 0;
        double expected = 0;
        for (int i = 0; i < pairs; i++) {
            readBack += engine.bellFidelity(first[i], first[i] + 1, 0);
            expected += fidelity(i);
        }
        return new Figures(pairs, after, after - before, seconds, Math.abs(readBack - expected) <= 1e-9 * pairs);
    }

    private static double fidelity(int pair) {
        return 0.85 + 0.1 * (pair % 1000) / 1000.0;
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
