package org.qnetstack.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qnetstack.hal.Basis;
import org.qnetstack.sim.state.Gates;
import org.qnetstack.sim.state.StateEngine;

/**
 * Gate and measurement throughput of {@link StateEngine} on two qubits a and b that form one merged
 * 2-qubit group (a 4×4 complex density matrix). Scores are in operations/s, one operation being:
 *
 * <ul>
 *   <li>{@link #cnot}: one CNOT(a, b) on the merged group.
 *   <li>{@link #hadamardThenCnot}: H on a, then CNOT(a, b): the state keeps changing between
 *       product and entangled states, so it never settles into a trivial one. One operation = one
 *       such pair.
 *   <li>{@link #hadamard}: one 1-qubit gate (H on a) inside the 2-qubit group.
 *   <li>{@link #bellPairMeasureCycle}: reset both qubits, H(a), CNOT(a, b) (making Φ+), then measure
 *       a and b in the Z basis with uniforms from a fixed-seed generator. One operation = one cycle.
 *   <li>{@link #bellDiagonalNoiseAndCorrection}: on a separate Bell-diagonal pair (c, d) stored as four
 *       weights: memory dephasing of both qubits, then an X correction on c. One operation = these
 *       three calls.
 *   <li>{@link #wernerSwap}: two Werner pairs (F = 0.95) are set, swapped by the gate-level BSM (CNOT,
 *       H, two Z measurements) and the fidelity of the outer pair read: a repeater's swap. The two
 *       pairs pass through a dense 4-qubit matrix during the BSM; what is left is a Bell-diagonal pair
 *       again. One operation = one swap.
 * </ul>
 *
 * <p>The gate benchmarks start each iteration from the same non-trivial mixed state (H, CNOT, then a
 * little depolarising noise and a rotation), so rounding does not accumulate across iterations.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StateEngineBenchmark {
    static final long SEED = 20_240_601L;

    private StateEngine engine = new StateEngine();
    private int a;
    private int b;
    private final int[] swapQubits = new int[4];
    private int c;
    private int d;
    private static final double[] WERNER_95 = {0.95, 0.05 / 3, 0.05 / 3, 0.05 / 3};
    private final double[] ry = Gates.ry(0.3);
    private SplittableRandom random = new SplittableRandom(SEED);

    @Setup(Level.Trial)
    public void setUpTrial() {
        engine = new StateEngine();
        a = engine.allocate();
        b = engine.allocate();
        c = engine.allocate();
        d = engine.allocate();
        for (int i = 0; i < 4; i++) {
            swapQubits[i] = engine.allocate();
        }
        random = new SplittableRandom(SEED);
    }

    @Setup(Level.Iteration)
    public void prepareState() {
        engine.reset(a);
        engine.reset(b);
        engine.apply(a, Gates.H);
        engine.apply(a, b, Gates.CNOT);
        engine.depolarize(a, b, 0.05);
        engine.apply(b, ry);
        if (engine.groupSize(a) != 2) {
            throw new IllegalStateException("a and b should form one group");
        }
        engine.setBellDiagonal(c, d, new double[] {0.9, 0.05, 0.03, 0.02});
    }

    @Benchmark
    public StateEngine cnot() {
        engine.apply(a, b, Gates.CNOT);
        return engine;
    }

    @Benchmark
    public StateEngine hadamardThenCnot() {
        engine.apply(a, Gates.H);
        engine.apply(a, b, Gates.CNOT);
        return engine;
    }

    @Benchmark
    public StateEngine hadamard() {
        engine.apply(a, Gates.H);
        return engine;
    }

    @Benchmark
    public int bellPairMeasureCycle() {
        StateEngine e = engine;
        e.reset(a);
        e.reset(b);
        e.apply(a, Gates.H);
        e.apply(a, b, Gates.CNOT);
        int ma = e.measure(a, Basis.Z, random.nextDouble());
        int mb = e.measure(b, Basis.Z, random.nextDouble());
        return ma ^ mb; // always 0 for Φ+
    }

    @Benchmark
    public StateEngine bellDiagonalNoiseAndCorrection() {
        StateEngine e = engine;
        e.dephase(c, 1e-4);
        e.dephase(d, 1e-4);
        e.apply(c, Gates.X);
        return e;
    }

    @Benchmark
    public double wernerSwap() {
        StateEngine e = engine;
        int[] q = swapQubits;
        e.setBellDiagonal(q[0], q[1], WERNER_95);
        e.setBellDiagonal(q[2], q[3], WERNER_95);
        e.apply(q[1], q[2], Gates.CNOT);
        e.apply(q[1], Gates.H);
        int z = e.measure(q[1], Basis.Z, random.nextDouble());
        int x = e.measure(q[2], Basis.Z, random.nextDouble());
        return e.bellFidelity(q[0], q[3], 2 * x + z);
    }
}
