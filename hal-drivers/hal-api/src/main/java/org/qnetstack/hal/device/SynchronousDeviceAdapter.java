package org.qnetstack.hal.device;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.AttemptRun;
import org.qnetstack.hal.AttemptRunSpec;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DeviceInfo;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TwoQubitGate;
import reactor.core.Disposable;

/**
 * Serves the asynchronous contract with a synchronous {@link QuantumDevice} (the simulator's): each
 * operation takes effect when called, as the synchronous device does, and completes on the scheduler once
 * the duration it returned has passed; its qubits are busy until then. Heralds come from the stations'
 * detector controllers of the platform: a single click on a link, at the time the station reports this
 * device's attempt, is a herald of that attempt.
 *
 * <p>Like the device it wraps, it is called on the scheduler's loop only.
 */
public final class SynchronousDeviceAdapter implements AsyncQuantumDevice {
    /** The version string this adapter declares. */
    public static final String VERSION = "qnetstack-sim-adapter/1";

    private final QuantumDevice device;
    private final Scheduler scheduler;
    private final DeviceCapabilities capabilities;
    private final Map<String, HeraldedLink> links = new HashMap<>();
    private final long axisSeed;
    private final boolean[] busy;
    private final List<Consumer<DeviceEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Disposable> subscriptions = new ArrayList<>();
    /** Operations whose completion is scheduled: failed at close. */
    private final Set<ScheduledCompletion> pending = new LinkedHashSet<>();
    private final Map<Long, RunState> runs = new HashMap<>();
    /** Per link, the run whose heralds this device may still hear (the latest started there). */
    private final Map<String, RunState> runOnLink = new HashMap<>();
    /** Per link, emission time → slot of this device's emits not yet heralded or outlived. */
    private final Map<String, TreeMap<Long, Long>> emissions = new HashMap<>();
    /** Per link, the clicks of the current instant, as a bit mask of detectors, and their time. */
    private final Map<String, long[]> clicksNow = new HashMap<>();
    private long nextRun = 1;
    private boolean closed;

    private SynchronousDeviceAdapter(QuantumDevice device, Scheduler scheduler, List<HeraldedLink> links,
                                     long axisSeed) {
        this.device = device;
        this.scheduler = scheduler;
        this.axisSeed = axisSeed;
        DeviceInfo info = device.info();
        this.busy = new boolean[info.qubitCount()];
        List<PhotonicInterface> interfaces = new ArrayList<>();
        for (HeraldedLink l : links) {
            this.links.put(l.name(), l);
            interfaces.add(new PhotonicInterface(l.name(), l.slotNanos()));
        }
        this.capabilities = new DeviceCapabilities(info.model(), VERSION, info.roles(), interfaces,
                EnumSet.allOf(Gate.class), EnumSet.allOf(TwoQubitGate.class), info.durations(),
                device.supportsAttemptRuns());
    }

    /**
     * The device of the platform's node, completing on the node's scheduler, with a photonic interface on
     * each of the node's links whose station's clicks it hears (it arms those stations' controllers).
     */
    public static SynchronousDeviceAdapter open(Platform platform, String node) {
        List<HeraldedLink> links = new ArrayList<>();
        for (LinkSpec l : platform.spec().links()) {
            if (l.connects(node)) {
                links.add(platform.link(l.name()));
            }
        }
        SynchronousDeviceAdapter adapter = new SynchronousDeviceAdapter(platform.device(node),
                platform.scheduler(node), links, platform.random("device-axes/" + node).nextLong());
        for (HeraldedLink l : links) {
            var controller = platform.detectorController(l.name());
            controller.arm().subscribe();
            adapter.subscriptions.add(controller.clicks().subscribe(c -> adapter.click(l, c)));
        }
        return adapter;
    }

    /** A device without photonic interfaces: it never hears a herald. */
    public static SynchronousDeviceAdapter of(QuantumDevice device, Scheduler scheduler) {
        return new SynchronousDeviceAdapter(device, scheduler, List.of(), 0);
    }

    @Override
    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public long nanos() {
        return scheduler.clock().nanos();
    }

    @Override
    public CompletionStage<Completion> initialize(int qubit) {
        return run(() -> device.initialize(qubit), qubit);
    }

    @Override
    public CompletionStage<Completion> apply(Gate gate, int qubit) {
        return run(() -> device.apply(gate, qubit), qubit);
    }

    @Override
    public CompletionStage<Completion> rotate(Axis axis, double angleRadians, int qubit) {
        if (!Double.isFinite(angleRadians)) {
            return failed(new InvalidRequestException("a rotation angle is finite (was " + angleRadians + ")"));
        }
        return run(() -> device.rotate(axis, angleRadians, qubit), qubit);
    }

    @Override
    public CompletionStage<Completion> apply(TwoQubitGate gate, int control, int target) {
        if (control == target) {
            return failed(new InvalidRequestException("a two-qubit gate needs two different qubits (both were "
                    + control + ")"));
        }
        return run(() -> device.apply(gate, control, target), control, target);
    }

    @Override
    public CompletionStage<QuantumDevice.Measurement> measure(int qubit, MeasurementAxis axis) {
        DeviceException refused = refusal(qubit);
        if (refused != null) {
            return failed(refused);
        }
        QuantumDevice.Measurement m;
        try {
            m = device.measure(qubit, axis);
        } catch (RuntimeException e) {
            return failed(translate(e));
        }
        return completeAfter(m.durationNanos(), m, qubit);
    }

    @Override
    public CompletionStage<Completion> move(int from, int to) {
        if (from == to) {
            return failed(new InvalidRequestException("a move needs two different qubits (both were " + from + ")"));
        }
        return run(() -> device.move(from, to), from, to);
    }

    @Override
    public CompletionStage<Completion> discard(int qubit) {
        return run(() -> {
            device.discard(qubit);
            return 0;
        }, qubit);
    }

    @Override
    public CompletionStage<Completion> emit(int qubit, String link, long slot, double alpha) {
        DeviceException refused = refuseAttempt(qubit, link, slot, alpha);
        if (refused == null) {
            refused = refusal(qubit);
        }
        if (refused != null) {
            return failed(refused);
        }
        long slotNanos = links.get(link).slotNanos();
        long start = slot > Long.MAX_VALUE / slotNanos ? Long.MAX_VALUE : slot * slotNanos;
        if (start <= scheduler.clock().nanos()) {
            return emitNow(qubit, link, slot, alpha);
        }
        // The photon goes out when its slot begins, so that both ends' attempts in the slot meet at the station
        // whenever each was asked for; the qubit is the attempt's meanwhile.
        busy[qubit] = true;
        CompletableFuture<Completion> done = new CompletableFuture<>();
        ScheduledCompletion p = new ScheduledCompletion(done);
        pending.add(p);
        p.timer = scheduler.scheduleAt(start, () -> {
            pending.remove(p);
            busy[qubit] = false;
            emitNow(qubit, link, slot, alpha).whenComplete((c, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    done.complete(c);
                }
            });
        });
        return done;
    }

    private CompletionStage<Completion> emitNow(int qubit, String link, long slot, double alpha) {
        long now = scheduler.clock().nanos();
        return run(() -> {
            long duration = device.emit(qubit, link, slot, alpha);
            TreeMap<Long, Long> mine = emissions.computeIfAbsent(link, k -> new TreeMap<>());
            // An emission older than one herald delay can no longer be heralded: forget it.
            mine.headMap(now - links.get(link).heraldDelayNanos()).clear();
            mine.put(now, slot);
            return duration;
        }, qubit);
    }

    @Override
    public CompletionStage<Long> startAttempts(AttemptRunRequest request) {
        if (!capabilities.attemptRuns()) {
            return failed(new DeviceUnsupportedException(capabilities.model()
                    + " makes attempts one at a time here: use emit"));
        }
        DeviceException refused = refuseAttempt(request.qubit(), request.link(), request.firstSlot(),
                request.alpha());
        if (refused == null) {
            refused = refusal(request.qubit());
        }
        if (refused != null) {
            return failed(refused);
        }
        List<MeasurementAxis> axes = request.axes();
        AttemptRun attempts;
        try {
            attempts = device.startAttempts(new AttemptRunSpec(request.qubit(), request.link(), request.firstSlot(),
                    request.stride(), request.alpha(), request.keep() ? null
                    : slot -> axes.get((int) Math.floorMod(mix(axisSeed + slot), (long) axes.size()))));
        } catch (RuntimeException e) {
            return failed(translate(e));
        }
        RunState run = new RunState(nextRun++, request, attempts);
        runs.put(run.id, run);
        RunState replaced = runOnLink.put(request.link(), run);
        if (replaced != null && runs.remove(replaced.id) != null) {
            busy[replaced.request.qubit()] = false; // the device stopped it when this one started on its link
        }
        busy[request.qubit()] = true;
        return CompletableFuture.completedFuture(run.id);
    }

    @Override
    public CompletionStage<Completion> stopAttempts(long runId, long slot) {
        if (closed) {
            return failed(disconnected());
        }
        RunState run = runs.get(runId);
        if (run == null) {
            if (runId > 0 && runId < nextRun) {
                return CompletableFuture.completedFuture(new Completion(0)); // it ended already: stopping is harmless
            }
            return failed(new InvalidRequestException("this device started no attempt run " + runId));
        }
        long slotNanos = links.get(run.request.link()).slotNanos();
        if (slot < 0 || slot > Long.MAX_VALUE / slotNanos) {
            return failed(new InvalidRequestException("a slot is in [0, " + Long.MAX_VALUE / slotNanos + "] (was "
                    + slot + ")"));
        }
        run.attempts.stopAt(slot);
        run.stop = Math.min(run.stop, Math.max(slot, run.request.firstSlot()));
        runs.remove(runId);
        // Attempts before the stop slot stand: the qubit is the run's until that slot begins.
        long wait = Math.max(0, run.stop * slotNanos - scheduler.clock().nanos());
        CompletableFuture<Completion> done = new CompletableFuture<>();
        ScheduledCompletion p = new ScheduledCompletion(done);
        pending.add(p);
        p.timer = scheduler.schedule(wait, () -> {
            pending.remove(p);
            busy[run.request.qubit()] = false;
            done.complete(new Completion(0));
        });
        return done;
    }

    @Override
    public void addListener(Consumer<DeviceEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<DeviceEvent> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.forEach(Disposable::dispose);
        subscriptions.clear();
        for (ScheduledCompletion p : List.copyOf(pending)) {
            if (p.timer != null) {
                p.timer.cancel();
            }
            p.future.completeExceptionally(disconnected());
        }
        pending.clear();
        for (RunState r : runs.values()) {
            r.attempts.stopAt(0);
        }
        runs.clear();
        runOnLink.clear();
        emissions.clear();
    }

    /** Operations on the device in progress (scheduled completions); 0 when idle. */
    public int inProgress() {
        return pending.size();
    }

    // ---- heralds

    private void click(HeraldedLink link, ClickEvent c) {
        if (closed || c.channel() < 0 || c.channel() > 1) {
            return;
        }
        long[] now = clicksNow.get(link.name());
        if (now != null && now[1] == c.timePs()) {
            now[0] |= 1L << c.channel();
            return;
        }
        long[] fresh = {1L << c.channel(), c.timePs()};
        clicksNow.put(link.name(), fresh);
        // Both detectors of one instant fire in one task: decide after it whether one or both clicked.
        scheduler.post(0, () -> {
            if (clicksNow.get(link.name()) == fresh) {
                clicksNow.remove(link.name());
            }
            if (!closed && (fresh[0] == 1 || fresh[0] == 2)) {
                herald(link, fresh[1] / 1000, fresh[0] == 1 ? 0 : 1);
            }
        });
    }

    /** A single click at {@code atNanos}: a herald of this device's attempt emitted one herald delay before. */
    private void herald(HeraldedLink link, long atNanos, int detector) {
        long emitted = atNanos - link.heraldDelayNanos();
        TreeMap<Long, Long> mine = emissions.get(link.name());
        Long emitSlot = mine == null ? null : mine.remove(emitted);
        if (emitSlot != null) {
            mine.headMap(emitted).clear();
            publish(new DeviceEvent.Herald(link.name(), emitSlot, detector, 0, null, -1));
            return;
        }
        RunState run = runOnLink.get(link.name());
        long slot = Math.floorDiv(emitted, link.slotNanos());
        if (run == null || !run.attemptsIn(slot)) {
            return; // the other end's attempt alone: not this device's herald
        }
        if (run.request.keep()) {
            run.stop = slot + 1; // the qubit now holds the pair: the run is over
            if (runs.remove(run.id) != null) {
                busy[run.request.qubit()] = false;
            }
            publish(new DeviceEvent.Herald(link.name(), slot, detector, run.id, null, -1));
            return;
        }
        AttemptRun.SlotMeasurement m;
        try {
            m = run.attempts.measurement(slot);
        } catch (IllegalArgumentException e) {
            return; // no attempt of this run succeeded in that slot
        }
        publish(new DeviceEvent.Herald(link.name(), slot, detector, run.id, m.axis(), m.outcome()));
    }

    private void publish(DeviceEvent event) {
        for (Consumer<DeviceEvent> l : listeners) {
            l.accept(event);
        }
    }

    // ---- operations

    private CompletionStage<Completion> run(LongSupplier operation, int... qubits) {
        for (int q : qubits) {
            DeviceException refused = refusal(q);
            if (refused != null) {
                return failed(refused);
            }
        }
        long duration;
        try {
            duration = operation.getAsLong();
        } catch (RuntimeException e) {
            return failed(translate(e));
        }
        return completeAfter(duration, new Completion(duration), qubits);
    }

    private <T> CompletionStage<T> completeAfter(long duration, T result, int... qubits) {
        for (int q : qubits) {
            busy[q] = true;
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        ScheduledCompletion p = new ScheduledCompletion(done);
        pending.add(p);
        p.timer = scheduler.schedule(duration, () -> {
            pending.remove(p);
            for (int q : qubits) {
                busy[q] = false;
            }
            done.complete(result);
        });
        return done;
    }

    private @Nullable DeviceException refusal(int qubit) {
        if (closed) {
            return disconnected();
        }
        if (qubit < 0 || qubit >= busy.length) {
            return new InvalidQubitException(capabilities.model() + " has qubits 0.." + (busy.length - 1)
                    + " (was " + qubit + ")");
        }
        if (busy[qubit]) {
            return new QubitBusyException("qubit " + qubit + " has an operation or attempt run in progress");
        }
        return null;
    }

    private @Nullable DeviceException refuseAttempt(int qubit, String link, long slot, double alpha) {
        if (closed) {
            return disconnected();
        }
        if (!links.containsKey(link)) {
            return new InvalidRequestException("no photonic interface on link '" + link + "' (interfaces: "
                    + links.keySet() + ")");
        }
        if (qubit >= 0 && qubit < busy.length && !capabilities.isCommunicationQubit(qubit)) {
            return new InvalidQubitException("qubit " + qubit + " is a storage qubit: only communication qubits emit");
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            return new InvalidRequestException("alpha must be in (0, 0.5] (was " + alpha + ")");
        }
        if (slot < 0) {
            return new InvalidRequestException("a slot is ≥ 0 (was " + slot + ")");
        }
        return null;
    }

    private static DeviceException translate(RuntimeException e) {
        if (e instanceof DeviceException d) {
            return d;
        }
        if (e instanceof IllegalArgumentException) {
            return new InvalidRequestException(String.valueOf(e.getMessage()));
        }
        if (e instanceof UnsupportedOperationException) {
            return new DeviceUnsupportedException(String.valueOf(e.getMessage()));
        }
        DeviceFaultException fault = new DeviceFaultException("the device failed: " + e);
        fault.initCause(e);
        return fault;
    }

    private DeviceDisconnectedException disconnected() {
        return new DeviceDisconnectedException(capabilities.model() + " device is closed");
    }

    private static <T> CompletionStage<T> failed(DeviceException e) {
        return CompletableFuture.failedFuture(e);
    }

    /** SplitMix64's finaliser: a slot's axis draw, independent of the other slots'. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
