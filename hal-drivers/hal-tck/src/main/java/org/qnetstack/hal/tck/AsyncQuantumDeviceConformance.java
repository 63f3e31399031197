package org.qnetstack.hal.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.OperationDurations;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.device.AsyncQuantumDevice.Completion;
import org.qnetstack.hal.device.AttemptRunRequest;
import org.qnetstack.hal.device.DeviceCapabilities;
import org.qnetstack.hal.device.DeviceDisconnectedException;
import org.qnetstack.hal.device.DeviceException;
import org.qnetstack.hal.device.DeviceProtocolException;
import org.qnetstack.hal.device.DeviceUnsupportedException;
import org.qnetstack.hal.device.InvalidQubitException;
import org.qnetstack.hal.device.InvalidRequestException;
import org.qnetstack.hal.device.QubitBusyException;

/**
 * The conformance kit for {@link AsyncQuantumDevice} implementations: a driver's test class extends it and
 * opens its device ({@link #open}), and for the herald tests two devices sharing a link ({@link #openPair}).
 * The kit checks the contract: declared capabilities; each operation completes with its declared duration
 * (on communication qubit 0) and not before that much of the device's time has passed; measurement
 * statistics on prepared states (a fixed number of shots, tolerance five standard deviations of the
 * sample plus {@link #noiseAllowance()}); two-qubit gates and moves; attempts made with emit and attempt
 * runs, and their heralds at both ends; typed errors for a bad qubit, a busy qubit, an unknown link or run, an unsupported operation;
 * disconnects; and a version mismatch where the device speaks a wire protocol.
 *
 * <p>The statistics assume a device whose noise is small (the simulator's {@code ideal} preset, a
 * calibrated device on its best qubit): {@link #noiseAllowance()} widens the tolerances for the rest.
 * Every failure message says what the device did and what the contract wanted. {@link DeviceFixture} holds the
 * devices under test and says how to wait for them.
 */
public abstract class AsyncQuantumDeviceConformance {
    /** Shots per statistical test: σ of a frequency is then at most 0.5/√N = 0.035. */
    protected static final int SHOTS = 200;
    /** Tolerances are this many standard deviations: a false failure has odds below 10⁻⁶. */
    private static final double SIGMAS = 5;
    /** Time between a measure-directly run's attempts, so that an ideal device's heralds do not flood. */
    private static final long ATTEMPT_SPACING_NANOS = 1_000_000;
    /** How long after its slot an attempt's herald may take to come, before the next attempt is made. */
    private static final java.time.Duration HERALD_WAIT = java.time.Duration.ofMillis(300);
    /** Heralds asked of each attempt-run test. */
    private static final int HERALDS = 8;
    /**
     * Time from now to a run's first slot, in ns of the device's clock: the margin for both ends' requests to
     * arrive before it (generous: a loaded machine, or a first use that loads classes, takes tens of ms).
     */
    private static final long START_MARGIN_NANOS = 200_000_000;

    /** One freshly opened device. The kit closes the fixture at the end of the test. */
    protected abstract DeviceFixture open() throws Exception;

    /**
     * Two freshly opened devices whose first photonic interfaces are the same link, or null if the
     * implementation cannot stand up two (the herald tests are then skipped).
     */
    protected @Nullable DeviceFixture openPair() throws Exception {
        return null;
    }

    /**
     * Opens the device asking for protocol versions the device does not speak; must throw. Null means the
     * device speaks no wire protocol (in-process) and the test is skipped.
     */
    protected @Nullable Runnable openWithUnsupportedVersion() {
        return null;
    }

    /** Widens every statistical tolerance, for noisy devices: a probability. */
    protected double noiseAllowance() {
        return 0;
    }

    // ---- capabilities and durations

    @Test
    public void declaresItsCapabilities() throws Exception {
        try (DeviceFixture f = open()) {
            DeviceCapabilities c = f.device().capabilities();
            assertTrue(c.qubitCount() >= 1, "a device has at least one qubit, declared " + c.qubitCount());
            assertTrue(c.isCommunicationQubit(0), "the kit uses qubit 0 as a communication qubit; declared roles "
                    + c.roles());
            assertFalse(c.model().isBlank(), "the device declares its model");
            assertFalse(c.version().isBlank(), "the device declares its version");
            assertTrue(c.gates().contains(Gate.H) && c.gates().contains(Gate.X),
                    "the device offers at least X and H natively, declared " + c.gates());
        }
    }

    @Test
    public void operationsTakeTheirDeclaredDurations() throws Exception {
        try (DeviceFixture f = open()) {
            AsyncQuantumDevice d = f.device();
            OperationDurations declared = d.capabilities().durations();
            expectDuration(f, d.initialize(0), declared.initialization(), "initialize(0)");
            expectDuration(f, d.apply(Gate.H, 0), declared.singleQubitGate(), "apply(H, 0)");
            expectDuration(f, d.rotate(Axis.X, 0.3, 0), declared.singleQubitGate(), "rotate(X, 0.3, 0)");
            long before = d.nanos();
            QuantumDevice.Measurement m = get(f, d.measure(0, MeasurementAxis.Z), "measure(0, Z)");
            long elapsed = d.nanos() - before;
            assertEquals(declared.measurement(), m.durationNanos(), "measure(0, Z) reported " + m.durationNanos()
                    + " ns, the device declared measurements take " + declared.measurement() + " ns" + f.diagnostics());
            assertBit(m.outcome(), "measure(0, Z)", f);
            assertTrue(elapsed >= m.durationNanos(), "measure(0, Z) completed after " + elapsed + " ns of the "
                    + "device's time, before the " + m.durationNanos() + " ns it reported" + f.diagnostics());
            expectDuration(f, d.discard(0), 0, "discard(0)");
        }
    }

    private static void expectDuration(DeviceFixture f, CompletionStage<Completion> stage, long declared, String what)
            throws InterruptedException {
        long before = f.device().nanos();
        Completion c = get(f, stage, what);
        long elapsed = f.device().nanos() - before;
        if (declared > 0 || c.durationNanos() != 0) {
            assertEquals(declared, c.durationNanos(), what + " reported " + c.durationNanos()
                    + " ns, the device declared " + declared + " ns for it" + f.diagnostics());
        }
        assertTrue(elapsed >= c.durationNanos(), what + " completed after " + elapsed + " ns of the device's "
                + "time, before the " + c.durationNanos() + " ns it reported" + f.diagnostics());
    }

    // ---- measurement statistics

    @Test
    public void zeroMeasuresZeroAndPlusMeasuresPlus() throws Exception {
        try (DeviceFixture f = open()) {
            AsyncQuantumDevice d = f.device();
            int zeros = 0;
            int plus = 0;
            for (int i = 0; i < SHOTS / 4; i++) {
                get(f, d.initialize(0), "initialize(0)");
                zeros += 1 - outcome(f, d.measure(0, MeasurementAxis.Z), "measure(0, Z) of |0⟩");
                get(f, d.initialize(0), "initialize(0)");
                get(f, d.apply(Gate.H, 0), "apply(H, 0)");
                plus += 1 - outcome(f, d.measure(0, MeasurementAxis.X), "measure(0, X) of |+⟩");
            }
            int n = SHOTS / 4;
            assertFrequency(zeros, n, 1, "outcome 0 when measuring |0⟩ in Z", f);
            assertFrequency(plus, n, 1, "outcome 0 when measuring |+⟩ in X", f);
        }
    }

    @Test
    public void superpositionsGiveBornFrequencies() throws Exception {
        try (DeviceFixture f = open()) {
            AsyncQuantumDevice d = f.device();
            double theta = 2 * Math.PI / 3; // R_y(θ)|0⟩ measured in Z: P(0) = cos²(θ/2) = 1/4
            int plusZeros = 0;
            int ryZeros = 0;
            int alongZeros = 0;
            MeasurementAxis along = MeasurementAxis.of(theta, 0);
            for (int i = 0; i < SHOTS; i++) {
                get(f, d.initialize(0), "initialize(0)");
                get(f, d.apply(Gate.H, 0), "apply(H, 0)");
                plusZeros += 1 - outcome(f, d.measure(0, MeasurementAxis.Z), "measure(0, Z) of |+⟩");
                get(f, d.initialize(0), "initialize(0)");
                get(f, d.rotate(Axis.Y, theta, 0), "rotate(Y, 2π/3, 0)");
                ryZeros += 1 - outcome(f, d.measure(0, MeasurementAxis.Z), "measure(0, Z) of R_y(2π/3)|0⟩");
                if (i < SHOTS / 4) {
                    get(f, d.initialize(0), "initialize(0)");
                    get(f, d.rotate(Axis.Y, theta, 0), "rotate(Y, 2π/3, 0)");
                    alongZeros += 1 - outcome(f, d.measure(0, along), "measure(0, " + along + ") of R_y(2π/3)|0⟩");
                }
            }
            assertFrequency(plusZeros, SHOTS, 0.5, "outcome 0 when measuring |+⟩ in Z", f);
            assertFrequency(ryZeros, SHOTS, 0.25, "outcome 0 when measuring R_y(2π/3)|0⟩ in Z", f);
            assertFrequency(alongZeros, SHOTS / 4, 1, "outcome 0 when measuring R_y(θ)|0⟩ along its own axis", f);
        }
    }

    @Test
    public void twoQubitGatesEntangleAndMovesMoveTheState() throws Exception {
        try (DeviceFixture f = open()) {
            AsyncQuantumDevice d = f.device();
            assumeTrue(d.capabilities().qubitCount() >= 2, "the device has one qubit");
            int agree = 0;
            int n = SHOTS / 10;
            for (int i = 0; i < n; i++) {
                get(f, d.initialize(0), "initialize(0)");
                get(f, d.initialize(1), "initialize(1)");
                get(f, d.apply(Gate.H, 0), "apply(H, 0)");
                Completion c = get(f, d.apply(TwoQubitGate.CNOT, 0, 1), "apply(CNOT, 0, 1)");
                assertEquals(d.capabilities().durations().twoQubitGate(), c.durationNanos(), "apply(CNOT, 0, 1) "
                        + "reported " + c.durationNanos() + " ns, the device declared " + d.capabilities().durations()
                        .twoQubitGate() + " ns" + f.diagnostics());
                int a = outcome(f, d.measure(0, MeasurementAxis.Z), "measure(0, Z) of a Bell pair");
                int b = outcome(f, d.measure(1, MeasurementAxis.Z), "measure(1, Z) of a Bell pair");
                agree += a == b ? 1 : 0;
            }
            assertFrequency(agree, n, 1, "equal Z outcomes of the two halves of (|00⟩+|11⟩)/√2", f);
            get(f, d.initialize(0), "initialize(0)");
            get(f, d.apply(Gate.X, 0), "apply(X, 0)");
            get(f, d.move(0, 1), "move(0, 1)");
            assertEquals(1, outcome(f, d.measure(1, MeasurementAxis.Z), "measure(1, Z) after move"),
                    "move(0, 1) of |1⟩ must leave qubit 1 in |1⟩" + f.diagnostics());
            assertEquals(0, outcome(f, d.measure(0, MeasurementAxis.Z), "measure(0, Z) after move"),
                    "move(0, 1) must leave qubit 0 in |0⟩" + f.diagnostics());
        }
    }

    // ---- errors

    @Test
    public void refusesWhatItCannotDoWithTypedErrors() throws Exception {
        try (DeviceFixture f = open()) {
            AsyncQuantumDevice d = f.device();
            DeviceCapabilities c = d.capabilities();
            int none = c.qubitCount();
            expectError(f, InvalidQubitException.class, d.initialize(none), "initialize(" + none + ")");
            expectError(f, InvalidQubitException.class, d.apply(Gate.H, -1), "apply(H, -1)");
            if (c.qubitCount() >= 2) {
                expectError(f, InvalidRequestException.class, d.apply(TwoQubitGate.CZ, 1, 1), "apply(CZ, 1, 1)");
            }
            expectError(f, InvalidRequestException.class, d.emit(0, "no-such-link", 0, 0.1),
                    "emit on an unknown link");
            expectError(f, InvalidRequestException.class, d.stopAttempts(987_654_321L, 0), "stopAttempts of no run");
            for (int q = 0; q < c.qubitCount(); q++) {
                if (!c.isCommunicationQubit(q) && !c.interfaces().isEmpty()) {
                    expectError(f, InvalidQubitException.class, d.emit(q, c.interfaces().get(0).link(), 0, 0.1),
                            "emit from storage qubit " + q);
                    break;
                }
            }
            if (!c.attemptRuns() && !c.interfaces().isEmpty()) {
                expectError(f, DeviceUnsupportedException.class, d.startAttempts(new AttemptRunRequest(0,
                        c.interfaces().get(0).link(), firstSlot(d, c), 1, 0.1, List.of())), "startAttempts");
            }
            // The device still serves after refusing.
            get(f, d.initialize(0), "initialize(0) after refusals");
        }
    }

    @Test
    public void aQubitInAnAttemptRunIsBusyUntilTheRunStops() throws Exception {
        try (DeviceFixture f = open()) {
            AsyncQuantumDevice d = f.device();
            DeviceCapabilities c = d.capabilities();
            assumeTrue(c.attemptRuns() && !c.interfaces().isEmpty(), "the device makes no attempt runs");
            String link = c.interfaces().get(0).link();
            get(f, d.initialize(0), "initialize(0)");
            long first = firstSlot(d, c);
            long run = get(f, d.startAttempts(new AttemptRunRequest(0, link, first, 1, 0.1, List.of())),
                    "startAttempts");
            assertTrue(run > 0, "a run's id is positive, was " + run + f.diagnostics());
            expectError(f, QubitBusyException.class, d.initialize(0), "initialize(0) during its attempt run");
            get(f, d.stopAttempts(run, first), "stopAttempts");
            get(f, d.initialize(0), "initialize(0) after its run stopped");
            get(f, d.stopAttempts(run, first), "stopAttempts a second time (harmless)");
        }
    }

    // ---- heralds

    @Test
    public void keepRunsAtBothEndsAreHeraldedTogether() throws Exception {
        try (DeviceFixture f = pair()) {
            AsyncQuantumDevice a = f.devices().get(0);
            AsyncQuantumDevice b = f.devices().get(1);
            String link = a.capabilities().interfaces().get(0).link();
            int anti = 0;
            for (int i = 0; i < HERALDS; i++) {
                HeraldLog heralds = new HeraldLog(f.devices());
                get(f, a.initialize(0), "initialize(0) at A");
                get(f, b.initialize(0), "initialize(0) at B");
                long first = firstSlot(a, a.capabilities());
                long runA = get(f, a.startAttempts(new AttemptRunRequest(0, link, first, 1, 0.25, List.of())),
                        "startAttempts at A");
                long runB = get(f, b.startAttempts(new AttemptRunRequest(0, link, first, 1, 0.25, List.of())),
                        "startAttempts at B");
                heralds.await(f, 1, "a herald of a keep run at each end");
                var ha = heralds.of(0).get(0);
                var hb = heralds.of(1).get(0);
                assertEquals(runA, ha.run(), "A's herald names its run" + f.diagnostics());
                assertEquals(runB, hb.run(), "B's herald names its run" + f.diagnostics());
                assertEquals(ha.slot(), hb.slot(), "both ends are heralded for the same slot" + f.diagnostics());
                assertEquals(ha.detector(), hb.detector(), "both ends hear the same detector" + f.diagnostics());
                assertTrue(ha.slot() >= first, "a herald for slot " + ha.slot() + ", before the run's first slot "
                        + first + f.diagnostics());
                assertFalse(ha.measured() || hb.measured(), "a keep run's herald carries no outcome" + f.diagnostics());
                // The pair is Ψ±: its Z outcomes differ. Its qubits are free again: the keep run ended.
                int za = outcome(f, a.measure(0, MeasurementAxis.Z), "measure(0, Z) of A's half");
                int zb = outcome(f, b.measure(0, MeasurementAxis.Z), "measure(0, Z) of B's half");
                anti += za != zb ? 1 : 0;
                heralds.close();
            }
            assertFrequency(anti, HERALDS, 1, "different Z outcomes of a heralded Ψ± pair", f);
        }
    }

    @Test
    public void attemptsEmittedInOneSlotAreHeraldedAtBothEnds() throws Exception {
        DeviceFixture opened = openPair();
        assumeTrue(opened != null, "no pair of devices on one link to test heralds with");
        try (DeviceFixture f = opened) {
            AsyncQuantumDevice a = f.devices().get(0);
            AsyncQuantumDevice b = f.devices().get(1);
            String link = a.capabilities().interfaces().get(0).link();
            HeraldLog heralds = new HeraldLog(f.devices());
            List<Long> attempted = new java.util.ArrayList<>();
            // At α = 0.5 an ideal link heralds half the slots in which both ends emit: 30 misses have odds 2⁻³⁰.
            for (int i = 0; i < 30 && heralds.of(0).isEmpty(); i++) {
                long s = firstSlot(a, a.capabilities());
                attempted.add(s);
                var atA = a.initialize(0).thenCompose(c -> a.emit(0, link, s, 0.5));
                var atB = b.initialize(0).thenCompose(c -> b.emit(0, link, s, 0.5));
                Completion emitted = get(f, atA, "initialize(0) then emit(0, " + link + ", slot " + s + ") at A");
                get(f, atB, "initialize(0) then emit(0, " + link + ", slot " + s + ") at B");
                assertEquals(a.capabilities().durations().emission(), emitted.durationNanos(), "emit reported "
                        + emitted.durationNanos() + " ns, the device declared " + a.capabilities().durations()
                        .emission() + " ns" + f.diagnostics());
                f.awaitCondition(() -> !heralds.of(0).isEmpty() && !heralds.of(1).isEmpty(), HERALD_WAIT);
            }
            heralds.await(f, 1, "a herald of an attempt made with emit at each end");
            var ha = heralds.of(0).get(0);
            var hb = heralds.of(1).get(0);
            assertTrue(attempted.contains(ha.slot()), "A's herald names slot " + ha.slot() + ", where no attempt was "
                    + "made (attempts in " + attempted + ")" + f.diagnostics());
            assertEquals(ha.slot(), hb.slot(), "both ends are heralded for the same slot" + f.diagnostics());
            assertEquals(ha.detector(), hb.detector(), "both ends hear the same detector" + f.diagnostics());
            assertEquals(0, ha.run() + hb.run(), "an emitted attempt's herald names no run" + f.diagnostics());
            heralds.close();
        }
    }

    @Test
    public void measureDirectlyRunsReportOutcomesWithTheirHeralds() throws Exception {
        try (DeviceFixture f = pair()) {
            AsyncQuantumDevice a = f.devices().get(0);
            AsyncQuantumDevice b = f.devices().get(1);
            String link = a.capabilities().interfaces().get(0).link();
            HeraldLog heralds = new HeraldLog(f.devices());
            long first = firstSlot(a, a.capabilities());
            // An attempt every millisecond or so: an ideal device succeeds in about half its slots.
            int stride = (int) Math.max(1, ATTEMPT_SPACING_NANOS / a.capabilities().interfaces().get(0).slotNanos());
            List<MeasurementAxis> z = List.of(MeasurementAxis.Z);
            long runA = get(f, a.startAttempts(new AttemptRunRequest(0, link, first, stride, 0.25, z)),
                    "startAttempts at A");
            long runB = get(f, b.startAttempts(new AttemptRunRequest(0, link, first, stride, 0.25, z)),
                    "startAttempts at B");
            heralds.await(f, HERALDS, HERALDS + " heralds of measure-directly runs at each end");
            long stop = a.nanos() / a.capabilities().interfaces().get(0).slotNanos() + 1;
            get(f, a.stopAttempts(runA, stop), "stopAttempts at A");
            get(f, b.stopAttempts(runB, stop), "stopAttempts at B");
            int anti = 0;
            for (int i = 0; i < HERALDS; i++) {
                var ha = heralds.of(0).get(i);
                var hb = heralds.of(1).get(i);
                assertEquals(ha.slot(), hb.slot(), "herald " + i + " is for the same slot at both ends" + f.diagnostics());
                assertTrue(ha.measured() && hb.measured(), "a measure-directly run's herald carries its outcome"
                        + f.diagnostics());
                assertEquals(MeasurementAxis.Z, ha.axis(), "the herald names the run's only axis" + f.diagnostics());
                assertTrue(i == 0 || ha.slot() > heralds.of(0).get(i - 1).slot(), "heralds come in slot order"
                        + f.diagnostics());
                anti += ha.outcome() != hb.outcome() ? 1 : 0;
            }
            assertFrequency(anti, HERALDS, 1, "different Z outcomes at the two ends of a heralded Ψ±", f);
            heralds.close();
        }
    }

    // ---- disconnects and versions

    @Test
    public void closingFailsWhatIsInFlightAndEverythingAfter() throws Exception {
        DeviceFixture f = open();
        try {
            AsyncQuantumDevice d = f.device();
            get(f, d.initialize(0), "initialize(0)");
            CompletionStage<QuantumDevice.Measurement> inFlight = d.measure(0, MeasurementAxis.Z);
            d.close();
            d.close(); // twice is harmless
            try {
                f.await(inFlight, "measure(0, Z) in flight at close");
            } catch (DeviceDisconnectedException expected) {
                // failed, as it may; or it had completed before the close: both keep the contract
            }
            expectError(f, DeviceDisconnectedException.class, d.initialize(0), "initialize(0) after close");
        } finally {
            f.close();
        }
    }

    @Test
    public void refusesAProtocolVersionItDoesNotSpeak() {
        Runnable opening = openWithUnsupportedVersion();
        assumeTrue(opening != null, "the device speaks no wire protocol");
        DeviceProtocolException e = assertThrows(DeviceProtocolException.class, opening::run,
                "opening with a protocol version the device does not speak must fail");
        assertEquals(DeviceException.ErrorCode.VERSION_MISMATCH, e.code(), "the failure is a version mismatch: "
                + e.getMessage());
    }

    // ---- helpers

    private DeviceFixture pair() throws Exception {
        DeviceFixture f = openPair();
        assumeTrue(f != null, "no pair of devices on one link to test heralds with");
        for (AsyncQuantumDevice d : f.devices()) {
            if (!d.capabilities().attemptRuns()) {
                f.close();
                assumeTrue(false, "the devices make no attempt runs");
            }
        }
        return f;
    }

    private static long firstSlot(AsyncQuantumDevice d, DeviceCapabilities c) {
        long slotNanos = c.interfaces().get(0).slotNanos();
        return (d.nanos() + START_MARGIN_NANOS) / slotNanos + 1;
    }

    /**
     * The stage's value; a failure the test did not ask for fails the test with what was asked, the
     * device's error and the fixture's diagnostics.
     */
    private static <T> T get(DeviceFixture f, CompletionStage<T> stage, String what) throws InterruptedException {
        try {
            return f.await(stage, what);
        } catch (DeviceException e) {
            throw new AssertionError(what + " failed with " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + f.diagnostics(), e);
        }
    }

    private static int outcome(DeviceFixture f, CompletionStage<QuantumDevice.Measurement> stage, String what)
            throws InterruptedException {
        QuantumDevice.Measurement m = get(f, stage, what);
        assertBit(m.outcome(), what, f);
        return m.outcome();
    }

    private static void assertBit(int outcome, String what, DeviceFixture f) {
        if (outcome != 0 && outcome != 1) {
            fail(what + " gave outcome " + outcome + ", not a bit (0 or 1)" + f.diagnostics());
        }
    }

    private static void expectError(DeviceFixture f, Class<? extends DeviceException> type, CompletionStage<?> stage,
                                    String what) throws InterruptedException {
        try {
            Object value = f.await(stage, what);
            fail(what + " succeeded with " + value + "; the contract wants it to fail with " + type.getSimpleName()
                    + f.diagnostics());
        } catch (DeviceException e) {
            if (!type.isInstance(e)) {
                fail(what + " failed with " + e.getClass().getSimpleName() + " (" + e.getMessage() + "); the "
                        + "contract wants " + type.getSimpleName() + f.diagnostics());
            }
        }
    }

    private void assertFrequency(int hits, int n, double p, String what, DeviceFixture f) {
        double tolerance = SIGMAS * Math.sqrt(Math.max(p * (1 - p), 0.25 / n) / n) + noiseAllowance();
        if (p == 1) {
            tolerance = noiseAllowance();
        }
        double observed = (double) hits / n;
        assertTrue(Math.abs(observed - p) <= tolerance + 1e-12, String.format("frequency of %s was %.3f in %d "
                + "shots, expected %.3f ± %.3f%s", what, observed, n, p, tolerance, f.diagnostics()));
    }
}
