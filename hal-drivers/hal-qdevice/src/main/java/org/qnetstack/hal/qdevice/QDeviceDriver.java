package org.qnetstack.hal.qdevice;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.device.AttemptRunRequest;
import org.qnetstack.hal.device.DeviceCapabilities;
import org.qnetstack.hal.device.DeviceDisconnectedException;
import org.qnetstack.hal.device.DeviceEvent;
import org.qnetstack.hal.device.DeviceException;
import org.qnetstack.hal.device.DeviceProtocolException;
import org.qnetstack.hal.device.DeviceTimeoutException;
import org.qnetstack.hal.device.InvalidQubitException;
import org.qnetstack.hal.device.InvalidRequestException;
import org.qnetstack.hal.qdevice.internal.DeviceConnection;
import org.qnetstack.hal.qdevice.internal.DriverOptions;
import org.qnetstack.hal.qdevice.internal.LineReader;
import org.qnetstack.hal.qdevice.internal.Refusal;
import org.qnetstack.hal.qdevice.internal.Refusals;
import org.qnetstack.hal.qdevice.internal.ReplyCheck;
import org.qnetstack.hal.qdevice.protocol.Codec;
import org.qnetstack.hal.qdevice.protocol.MalformedFrameException;
import org.qnetstack.hal.qdevice.protocol.Message;
import org.qnetstack.hal.qdevice.protocol.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A quantum device reached over TCP with the qdevice protocol (docs/qdevice-protocol.md), opened with
 * {@code qdevice:tcp://host:port?node=NAME}. Requests go out at once; replies and events are read on the
 * driver's own thread, checked against what was asked and what the device declared, and handed to the
 * node's scheduler. Whatever the device sends that does not fit (a malformed or oversize frame, a reply to an
 * unknown id, a second reply, an outcome that is not a bit, a herald for no attempt) is refused, counted in
 * {@link #counters()} and logged without flooding; the connection keeps serving. A device that goes silent
 * or away fails every operation in flight with a {@link DeviceTimeoutException} or
 * {@link DeviceDisconnectedException}, and the driver releases its socket, thread and timers.
 *
 * <p>Its operations may be called from any thread.
 */
public final class QDeviceDriver implements AsyncQuantumDevice {
    private static final Logger LOG = LoggerFactory.getLogger(QDeviceDriver.class);

    private final DriverOptions options;
    private final Scheduler scheduler;
    private final DeviceConnection connection;
    private final Message.Welcome welcome;
    private final long welcomeAtNanos;
    private final Refusals refusals;
    private final ReplyCheck check;
    private final List<Consumer<DeviceEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private volatile long lastHeardNanos;

    // Guarded by this.
    private final Map<Long, Pending<?>> inFlight = new HashMap<>();
    private long lastId;
    private boolean closed;
    /** The client is closing: the device's end of stream that follows our bye is expected, not a loss. */
    private boolean closing;
    private @Nullable TimerHandle keepAlive;
    private boolean pingInFlight;

    private QDeviceDriver(DriverOptions options, Scheduler scheduler, DeviceConnection.Handshaken h) {
        this.options = options;
        this.scheduler = scheduler;
        this.connection = h.connection();
        this.welcome = h.welcome();
        this.welcomeAtNanos = h.atNanos();
        this.lastHeardNanos = h.atNanos();
        this.refusals = new Refusals(LOG, "device " + connection.name());
        this.check = new ReplyCheck(welcome.device(), TimeUnit.MILLISECONDS.toNanos(options.maxDurationMillis()));
    }

    /** Connects, shakes hands and starts serving; see {@link QDeviceProvider}. */
    public static QDeviceDriver open(URI uri, Scheduler scheduler) {
        DriverOptions options = DriverOptions.parse(uri);
        QDeviceDriver driver = new QDeviceDriver(options, scheduler, DeviceConnection.connect(options));
        try {
            synchronized (driver) {
                driver.keepAlive = scheduler.schedule(driver.tickNanos(), driver::tick);
            }
            driver.connection.startReading(driver::frame, driver::ended);
        } catch (RuntimeException e) {
            driver.fail(new DeviceDisconnectedException("device " + driver.connection.name() + " could not be served: "
                    + e.getMessage(), e), true);
            throw e;
        }
        return driver;
    }

    @Override
    public DeviceCapabilities capabilities() {
        return welcome.device();
    }

    @Override
    public long nanos() {
        return welcome.timeNanos() + (System.nanoTime() - welcomeAtNanos);
    }

    /** The protocol version the device and the driver agreed on. */
    public int protocolVersion() {
        return welcome.version();
    }

    public synchronized QDeviceCounters counters() {
        return new QDeviceCounters(framesReceived.get(), refusals.count(Refusal.MALFORMED),
                refusals.count(Refusal.OVERSIZE), refusals.count(Refusal.UNEXPECTED), refusals.count(Refusal.UNKNOWN_ID),
                refusals.count(Refusal.DUPLICATE), refusals.count(Refusal.INVALID_REPLY),
                refusals.count(Refusal.INVALID_EVENT), timeouts.get(), inFlight.size());
    }

    /** The latest frame or event refused from the device and why, or "" if none was. */
    public String lastRefusal() {
        return refusals.last();
    }

    /** Whether the connection is up: false once closed or lost (its socket is then closed). */
    public synchronized boolean isConnected() {
        return !closed;
    }

    /** Whether everything the driver held is released: socket closed, reader thread ended, nothing in flight. */
    public synchronized boolean isReleased() {
        return closed && connection.isClosed() && connection.readerEnded() && inFlight.isEmpty() && keepAlive == null;
    }

    // ---- operations

    @Override
    public CompletionStage<Completion> initialize(int qubit) {
        return request(new Operation.Init(qubit), QDeviceDriver::completion, qubit);
    }

    @Override
    public CompletionStage<Completion> apply(Gate gate, int qubit) {
        return request(new Operation.ApplyGate(gate, qubit), QDeviceDriver::completion, qubit);
    }

    @Override
    public CompletionStage<Completion> rotate(Axis axis, double angleRadians, int qubit) {
        if (!Double.isFinite(angleRadians)) {
            return CompletableFuture.failedFuture(new InvalidRequestException("a rotation angle is finite (was "
                    + angleRadians + ")"));
        }
        return request(new Operation.Rotate(axis, angleRadians, qubit), QDeviceDriver::completion, qubit);
    }

    @Override
    public CompletionStage<Completion> apply(TwoQubitGate gate, int control, int target) {
        return request(new Operation.ApplyTwoQubitGate(gate, control, target), QDeviceDriver::completion,
                control, target);
    }

    @Override
    public CompletionStage<QuantumDevice.Measurement> measure(int qubit, MeasurementAxis axis) {
        return request(new Operation.Measure(qubit, axis), d -> new QuantumDevice.Measurement(d.outcome(),
                d.duration()), qubit);
    }

    @Override
    public CompletionStage<Completion> move(int from, int to) {
        return request(new Operation.Move(from, to), QDeviceDriver::completion, from, to);
    }

    @Override
    public CompletionStage<Completion> discard(int qubit) {
        return request(new Operation.Discard(qubit), QDeviceDriver::completion, qubit);
    }

    @Override
    public CompletionStage<Completion> emit(int qubit, String link, long slot, double alpha) {
        if (!(alpha > 0 && alpha <= 0.5)) {
            return CompletableFuture.failedFuture(new InvalidRequestException("alpha must be in (0, 0.5] (was "
                    + alpha + ")"));
        }
        return request(new Operation.Emit(qubit, link, slot, alpha), QDeviceDriver::completion, qubit);
    }

    @Override
    public CompletionStage<Long> startAttempts(AttemptRunRequest request) {
        return request(new Operation.StartRun(request), Message.Done::run, request.qubit());
    }

    @Override
    public CompletionStage<Completion> stopAttempts(long run, long slot) {
        return request(new Operation.StopRun(run, slot), QDeviceDriver::completion);
    }

    private static Completion completion(Message.Done d) {
        return new Completion(d.duration());
    }

    private <T> CompletionStage<T> request(Operation op, Function<Message.Done, T> result, int... qubits) {
        DeviceException refused = check.refusal(op, qubits);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        Pending<T> p;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new DeviceDisconnectedException("device " + connection.name()
                        + " is not connected: open it again"));
            }
            if (inFlight.size() >= welcome.limits().maxInFlight()) {
                return CompletableFuture.failedFuture(new InvalidRequestException(inFlight.size()
                        + " operations are in flight, the device's limit: wait for some to complete"));
            }
            long id = ++lastId;
            p = new Pending<>(id, op, future, result);
            inFlight.put(id, p);
            check.sent(op);
            long timeout = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis()) + check.expectedNanos(op, nanos());
            p.timer = scheduler.schedule(timeout, () -> timedOut(p));
        }
        try {
            connection.send(new Message.Request(p.id, op));
        } catch (IOException e) {
            fail(new DeviceDisconnectedException("lost device " + connection.name() + " while sending: "
                    + e.getMessage(), e));
        }
        return future;
    }

    private void timedOut(Pending<?> p) {
        synchronized (this) {
            if (inFlight.remove(p.id) != p) {
                return;
            }
            check.failed(p.op);
            if (p.op instanceof Operation.Ping) {
                pingInFlight = false;
            }
        }
        timeouts.incrementAndGet();
        deliver(p, null, new DeviceTimeoutException("device " + connection.name() + " did not complete "
                + p.op.wireName() + " (request " + p.id + ") within " + options.timeoutMillis()
                + " ms past its expected duration"));
    }

    // ---- what the device sends

    private void frame(LineReader.Line line) {
        framesReceived.incrementAndGet();
        lastHeardNanos = System.nanoTime();
        if (line.text() == null) {
            refusals.refuse(line.oversize() ? Refusal.OVERSIZE : Refusal.MALFORMED, line.oversize()
                    ? "a frame over " + welcome.limits().maxFrameBytes() + " bytes" : "bytes that are not UTF-8");
            return;
        }
        Message m;
        try {
            m = Codec.decode(line.text());
        } catch (MalformedFrameException e) {
            refusals.refuse(Refusal.MALFORMED, e.getMessage());
            return;
        }
        if (m instanceof Message.Done d) {
            reply(d.id(), d, null);
        } else if (m instanceof Message.Error e && e.id() > 0) {
            reply(e.id(), null, e);
        } else if (m instanceof Message.Error e) {
            fail(DeviceException.of(e.code(), "device " + connection.name() + " gave up the connection: "
                    + e.message()));
        } else if (m instanceof Message.Event e) {
            event(e.event());
        } else if (m instanceof Message.Bye b) {
            fail(new DeviceDisconnectedException("device " + connection.name() + " closed the connection: "
                    + b.reason()));
        } else {
            refusals.refuse(Refusal.UNEXPECTED, "a " + m.getClass().getSimpleName() + " frame after the handshake");
        }
    }

    private void reply(long id, Message.@Nullable Done done, Message.@Nullable Error error) {
        Pending<?> p;
        String invalid = null;
        synchronized (this) {
            p = inFlight.get(id);
            if (p == null) {
                boolean known = id <= lastId;
                refusals.refuse(known ? Refusal.DUPLICATE : Refusal.UNKNOWN_ID, "a reply to request " + id
                        + (known ? ", which has completed already (or timed out)" : ", which was never sent"));
                return;
            }
            inFlight.remove(id);
            if (p.op instanceof Operation.Ping) {
                pingInFlight = false;
            }
            if (done != null) {
                invalid = check.invalid(p.op, done);
            }
            if (done != null && invalid == null) {
                check.completed(p.op, done);
            } else {
                check.failed(p.op);
            }
        }
        if (p.timer != null) {
            p.timer.cancel();
        }
        if (invalid != null) {
            refusals.refuse(Refusal.INVALID_REPLY, invalid + " (request " + id + ", " + p.op.wireName() + ")");
            deliver(p, null, new DeviceProtocolException("device " + connection.name() + " sent an invalid reply to "
                    + p.op.wireName() + ": " + invalid));
        } else if (done != null) {
            deliver(p, done, null);
        } else {
            deliver(p, null, DeviceException.of(error.code(), error.message()));
        }
    }

    private void event(DeviceEvent e) {
        if (e instanceof DeviceEvent.Herald h) {
            String invalid;
            synchronized (this) {
                invalid = check.herald(h);
            }
            if (invalid != null) {
                refusals.refuse(Refusal.INVALID_EVENT, invalid);
                return;
            }
        }
        publish(e);
    }

    private void publish(DeviceEvent e) {
        onLoop(() -> listeners.forEach(l -> l.accept(e)));
    }

    private <T> void deliver(Pending<T> p, Message.@Nullable Done done, @Nullable DeviceException error) {
        if (error != null) {
            onLoop(() -> p.future.completeExceptionally(error));
        } else {
            T value = p.result.apply(done);
            onLoop(() -> p.future.complete(value));
        }
    }

    /** Hands the task to the node's loop; a loop already shut down (the node is stopping) drops it. */
    private void onLoop(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("device {}: the node's loop is shut down, a completion or event is dropped", connection.name());
        }
    }

    // ---- keep-alive, loss and close

    private long tickNanos() {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(10, options.keepAliveMillis() / 2));
    }

    private void tick() {
        long silent = System.nanoTime() - lastHeardNanos;
        boolean ping;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (silent > TimeUnit.MILLISECONDS.toNanos(options.silenceMillis())) {
                ping = false;
            } else {
                ping = !pingInFlight && silent >= TimeUnit.MILLISECONDS.toNanos(options.keepAliveMillis());
                pingInFlight |= ping;
                keepAlive = scheduler.schedule(tickNanos(), this::tick);
            }
        }
        if (silent > TimeUnit.MILLISECONDS.toNanos(options.silenceMillis())) {
            fail(new DeviceTimeoutException("device " + connection.name() + " has been silent for "
                    + TimeUnit.NANOSECONDS.toMillis(silent) + " ms (limit " + options.silenceMillis() + " ms)"));
        } else if (ping) {
            request(new Operation.Ping(), QDeviceDriver::completion);
        }
    }

    private void ended(@Nullable IOException cause) {
        boolean expected;
        synchronized (this) {
            expected = closing;
        }
        fail(new DeviceDisconnectedException("device " + connection.name() + " closed the connection"
                + (cause == null ? "" : ": " + cause.getMessage())), expected);
    }

    private void fail(DeviceException cause) {
        fail(cause, false);
    }

    /** Gives the connection up: every operation in flight fails with {@code cause}; all is released. */
    private void fail(DeviceException cause, boolean byClient) {
        List<Pending<?>> failed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            failed = new ArrayList<>(inFlight.values());
            inFlight.clear();
            check.clear();
            if (keepAlive != null) {
                keepAlive.cancel();
                keepAlive = null;
            }
        }
        connection.close();
        for (Pending<?> p : failed) {
            if (p.timer != null) {
                p.timer.cancel();
            }
            deliver(p, null, cause);
        }
        if (!byClient) {
            LOG.warn("{}; {} operation(s) in flight failed", cause.getMessage(), failed.size());
        }
        publish(new DeviceEvent.Disconnected(cause.getMessage()));
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
        synchronized (this) {
            if (closed) {
                return;
            }
            closing = true;
        }
        try {
            connection.send(new Message.Bye("closed by the client"));
        } catch (IOException ignored) {
            // the connection is going anyway
        }
        fail(new DeviceDisconnectedException("device " + connection.name() + " was closed by the client"), true);
    }

    private static final class Pending<T> {
        final long id;
        final Operation op;
        final CompletableFuture<T> future;
        final Function<Message.Done, T> result;
        @Nullable TimerHandle timer;

        Pending(long id, Operation op, CompletableFuture<T> future, Function<Message.Done, T> result) {
            this.id = id;
            this.op = op;
            this.future = future;
            this.result = result;
        }
    }
}
