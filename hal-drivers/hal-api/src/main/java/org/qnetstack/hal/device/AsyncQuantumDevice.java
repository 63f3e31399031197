package org.qnetstack.hal.device;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.TwoQubitGate;

/**
 * A node's quantum processor as hardware offers it: every operation is a request that completes later, on
 * the node's scheduler, with the time the device really spent on it. Operations on different qubits may
 * run at the same time; a qubit with an operation (or an attempt run) in progress is busy, and a further
 * operation on it fails with {@link QubitBusyException} rather than queueing, so the caller always knows
 * what the device is doing.
 *
 * <p>Every failure arrives as an exceptionally completed stage holding a {@link DeviceException} subclass;
 * nothing is thrown from the call itself except for a null argument. Completions and events are delivered
 * on the scheduler the device was opened with (its event loop), never on a driver's I/O thread.
 *
 * <p>Implementations: {@link SynchronousDeviceAdapter} over the simulator, the {@code qdevice:tcp://} driver
 * of {@code hal-qdevice} over the wire protocol. The conformance kit in {@code hal-tck}
 * ({@code AsyncQuantumDeviceConformance}) checks this contract.
 */
public interface AsyncQuantumDevice extends AutoCloseable {
    /** What the device declared when it was opened. */
    DeviceCapabilities capabilities();

    /**
     * The device's clock now, in ns, as best known here: slot k of a link starts at k·slotNanos on it. For a
     * remote device, its time at the handshake plus the time elapsed here since.
     */
    long nanos();

    /** Resets the qubit to |0⟩. */
    CompletionStage<Completion> initialize(int qubit);

    CompletionStage<Completion> apply(Gate gate, int qubit);

    /** Rotates the qubit by {@code angleRadians} about the axis: R(θ) = exp(−iθσ/2). */
    CompletionStage<Completion> rotate(Axis axis, double angleRadians, int qubit);

    CompletionStage<Completion> apply(TwoQubitGate gate, int control, int target);

    /**
     * Measures the qubit along the axis (outcome 0 is the state pointing along it); the qubit is left in the
     * eigenstate found. Non-Pauli axes cost the device's rotations onto Z.
     */
    CompletionStage<QuantumDevice.Measurement> measure(int qubit, MeasurementAxis axis);

    /** Moves qubit {@code from}'s state to {@code to}, leaving {@code from} in |0⟩. */
    CompletionStage<Completion> move(int from, int to);

    /** Forgets the qubit's state so it can be used afresh. */
    CompletionStage<Completion> discard(int qubit);

    /**
     * One entanglement attempt on the link in the slot, with bright-state population α (see
     * {@link QuantumDevice#emit}): the photon goes out when the slot begins (at once if it has begun), and the
     * qubit is the attempt's until then. A success is reported later as a {@link DeviceEvent.Herald} for the slot.
     */
    CompletionStage<Completion> emit(int qubit, String link, long slot, double alpha);

    /**
     * Starts attempting by itself, as the request describes; completes with the run's id once the run is
     * set up. Each success is reported as a {@link DeviceEvent.Herald} naming the run. The qubit stays busy
     * until the run is stopped or, for a keep run, until its success.
     */
    CompletionStage<Long> startAttempts(AttemptRunRequest request);

    /** Stops the run from the slot on; completes when the run has stopped and its qubit is free. */
    CompletionStage<Completion> stopAttempts(long run, long slot);

    /** Calls the listener, on the node's scheduler, with every event from now on. */
    void addListener(Consumer<DeviceEvent> listener);

    void removeListener(Consumer<DeviceEvent> listener);

    /**
     * Closes the device: operations still in progress fail with {@link DeviceDisconnectedException}, later
     * ones at once. Closing twice is harmless.
     */
    @Override
    void close();

    /** An operation's completion: the time the device spent on it, in ns. */
    record Completion(long durationNanos) {
        public Completion {
            if (durationNanos < 0) {
                throw new IllegalArgumentException("a duration is ≥ 0 ns (was " + durationNanos + ")");
            }
        }
    }
}
