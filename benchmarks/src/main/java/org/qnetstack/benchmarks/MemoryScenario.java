package org.qnetstack.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.qnetstack.sim.state.StateEngine;

/**
 * Memory scenario of issue 8: one million stored qubits, as half a million held Bell-diagonal pairs
 * (Werner pairs of slightly different fidelities, the state a large repeater network holds between
 * swaps), in one {@link StateEngine}. Prints the heap used after a full GC, before and after, and the
 * bytes per pair; exits with status 1 if the heap used exceeds the budget (2 if the states read back
 * are not those set).
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar org.qnetstack.benchmarks.MemoryScenario [pairs] [budgetMiB]
 * </pre>
 *
 * Defaults: 500,000 pairs, budget 2048 MiB (the whole heap of a -Xmx2g JVM). The engine is used after
 * the measurement (a fidelity is read from every pair), so the JIT cannot treat it as dead.
 */
public final class MemoryScenario {
    private MemoryScenario() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        long budgetMiB = args.length > 1 ? Long.parseLong(args[1]) : 2048;
        if (pairs <= 0 || budgetMiB <= 0) {
            throw new IllegalArgumentException("pairs and budgetMiB must be positive: " + pairs + ", " + budgetMiB);
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
        double fidelitySum = 0;
        for (int i = 0; i < pairs; i++) {
            fidelitySum += engine.bellFidelity(first[i], first[i] + 1, 0);
        }
        long used = after - before;
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf("pairs: %,d (%,d qubits) made in %.2f s%n", pairs, 2L * pairs, seconds);
        System.out.printf("heap used after GC: %,d bytes before, %,d after (max heap %,d MiB)%n",
                before, after, maxHeap >> 20);
        System.out.printf("engine: %,d bytes = %.1f MiB, %.1f bytes per pair%n", used, used / 1048576.0,
                (double) used / pairs);
        double expected = 0;
        for (int i = 0; i < pairs; i++) {
            expected += fidelity(i);
        }
        System.out.printf("mean fidelity read back: %.6f (set: %.6f)%n", fidelitySum / pairs, expected / pairs);
        if (Math.abs(fidelitySum - expected) > 1e-9 * pairs) {
            System.out.println("WRONG STATES: the fidelities read back differ from those set");
            System.exit(2);
        }
        if (after > budgetMiB << 20) {
            System.out.printf("OVER BUDGET: %,d MiB used, budget %,d MiB%n", after >> 20, budgetMiB);
            System.exit(1);
        }
        System.out.printf("within budget (%,d MiB)%n", budgetMiB);
    }

    private static double fidelity(int pair) {
        return 0.85 + 0.1 * (pair % 1000) / 1000.0;
    }

    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
