package org.qnetstack.hal.qdevice.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.device.DeviceEvent;
import org.qnetstack.hal.device.DeviceException;
import org.qnetstack.hal.device.SynchronousDeviceAdapter;
import org.qnetstack.hal.qdevice.internal.LineReader;
import org.qnetstack.hal.qdevice.internal.Refusal;
import org.qnetstack.hal.qdevice.protocol.Codec;
import org.qnetstack.hal.qdevice.protocol.MalformedFrameException;
import org.qnetstack.hal.qdevice.protocol.Message;
import org.qnetstack.hal.qdevice.protocol.Operation;
import org.qnetstack.hal.qdevice.protocol.WireProtocol;

/**
 * One client's connection to the emulator: the handshake that binds it to a node's device, then requests
 * run on the emulated world's thread and their completions and the device's heralds go back as frames.
 */
final class Session {
    private static final long HANDSHAKE_MILLIS = 5000;

    private final DeviceEmulator emulator;
    private final Socket socket;
    private final OutputStream out;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Consumer<DeviceEvent> events = e -> send(new Message.Event(e));
    private @Nullable String node;
    private @Nullable SynchronousDeviceAdapter device;
    private long lastId;
    private volatile boolean closed;

    Session(DeviceEmulator emulator, Socket socket) throws IOException {
        this.emulator = emulator;
        this.socket = socket;
        this.out = socket.getOutputStream();
        socket.setTcpNoDelay(true);
    }

    void start() {
        Thread t = new Thread(this::serve, "qdevice-emulator-session-" + socket.getPort());
        t.setDaemon(true);
        t.start();
    }

    private void serve() {
        String reason = "the client closed the connection";
        try {
            LineReader reader = new LineReader(socket.getInputStream(), WireProtocol.MAX_FRAME_BYTES);
            socket.setSoTimeout((int) HANDSHAKE_MILLIS);
            if (!handshake(reader.next())) {
                return;
            }
            socket.setSoTimeout(0);
            for (LineReader.Line line = reader.next(); line != null && !closed; line = reader.next()) {
                if (!frame(line)) {
                    reason = "the client said bye";
                    break;
                }
            }
        } catch (IOException e) {
            reason = "connection lost: " + e.getMessage();
        } finally {
            close(reason);
        }
    }

    private boolean handshake(LineReader.@Nullable Line line) {
        if (line == null || line.text() == null) {
            return false;
        }
        Message m;
        try {
            m = Codec.decode(line.text());
        } catch (MalformedFrameException e) {
            emulator.refusals().refuse(Refusal.MALFORMED, e.getMessage());
            fatal(DeviceException.ErrorCode.PROTOCOL_VIOLATION, "the first frame must be hello: " + e.getMessage());
            return false;
        }
        if (!(m instanceof Message.Hello hello)) {
            emulator.refusals().refuse(Refusal.UNEXPECTED, "a " + m.getClass().getSimpleName() + " before hello");
            fatal(DeviceException.ErrorCode.PROTOCOL_VIOLATION, "the first frame must be hello");
            return false;
        }
        int version = hello.versions().stream().filter(WireProtocol.SUPPORTED_VERSIONS::contains)
                .mapToInt(Integer::intValue).max().orElse(-1);
        if (version < 0) {
            send(new Message.Error(0, DeviceException.ErrorCode.VERSION_MISMATCH, "this device speaks versions "
                    + WireProtocol.SUPPORTED_VERSIONS + ", the client " + hello.versions(),
                    WireProtocol.SUPPORTED_VERSIONS));
            return false;
        }
        String refused = emulator.claim(hello.node(), this);
        if (!refused.isEmpty()) {
            fatal(DeviceException.ErrorCode.INVALID_ARGUMENT, refused);
            return false;
        }
        node = hello.node();
        try {
            Message.Welcome welcome = emulator.world().call(() -> {
                device = SynchronousDeviceAdapter.open(emulator.world().platform(), hello.node());
                device.addListener(events);
                return new Message.Welcome(version, device.capabilities(), Message.Limits.DEFAULT, device.nanos());
            }, HANDSHAKE_MILLIS);
            send(welcome);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            fatal(DeviceException.ErrorCode.DEVICE_FAULT, "the emulated device did not open: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Handles one frame after the handshake; false when the client said bye. */
    private boolean frame(LineReader.Line line) {
        if (line.text() == null) {
            emulator.refusals().refuse(line.oversize() ? Refusal.OVERSIZE : Refusal.MALFORMED, line.oversize()
                    ? "a frame over " + WireProtocol.MAX_FRAME_BYTES + " bytes" : "bytes that are not UTF-8");
            return true;
        }
        Message m;
        try {
            m = Codec.decode(line.text());
        } catch (MalformedFrameException e) {
            emulator.refusals().refuse(Refusal.MALFORMED, e.getMessage());
            return true;
        }
        if (m instanceof Message.Bye) {
            return false;
        }
        if (!(m instanceof Message.Request r)) {
            emulator.refusals().refuse(Refusal.UNEXPECTED, "a " + m.getClass().getSimpleName() + " frame from a client");
            return true;
        }
        if (r.id() <= lastId) {
            emulator.refusals().refuse(Refusal.DUPLICATE, "request id " + r.id() + " after " + lastId);
            send(new Message.Error(r.id(), DeviceException.ErrorCode.PROTOCOL_VIOLATION, "request ids must increase "
                    + "(got " + r.id() + " after " + lastId + ")", null));
            return true;
        }
        lastId = r.id();
        if (r.op() instanceof Operation.Ping) {
            send(new Message.Done(r.id(), 0, -1, 0));
            return true;
        }
        if (inFlight.incrementAndGet() > WireProtocol.MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            send(new Message.Error(r.id(), DeviceException.ErrorCode.INVALID_ARGUMENT, "more than "
                    + WireProtocol.MAX_IN_FLIGHT + " requests in flight", null));
            return true;
        }
        emulator.world().execute(() -> dispatch(r));
        return true;
    }

    /** On the world's thread: runs the operation and sends its completion when it comes. */
    private void dispatch(Message.Request r) {
        AsyncQuantumDevice d = device;
        if (d == null || closed) {
            return;
        }
        Operation op = r.op();
        CompletionStage<?> stage;
        if (op instanceof Operation.Init x) {
            stage = d.initialize(x.qubit());
        } else if (op instanceof Operation.ApplyGate x) {
            stage = d.apply(x.gate(), x.qubit());
        } else if (op instanceof Operation.Rotate x) {
            stage = d.rotate(x.axis(), x.angle(), x.qubit());
        } else if (op instanceof Operation.ApplyTwoQubitGate x) {
            stage = d.apply(x.gate(), x.control(), x.target());
        } else if (op instanceof Operation.Measure x) {
            stage = d.measure(x.qubit(), x.axis());
        } else if (op instanceof Operation.Move x) {
            stage = d.move(x.from(), x.to());
        } else if (op instanceof Operation.Discard x) {
            stage = d.discard(x.qubit());
        } else if (op instanceof Operation.Emit x) {
            stage = d.emit(x.qubit(), x.link(), x.slot(), x.alpha());
        } else if (op instanceof Operation.StartRun x) {
            stage = d.startAttempts(x.request());
        } else {
            Operation.StopRun x = (Operation.StopRun) op;
            stage = d.stopAttempts(x.run(), x.slot());
        }
        stage.whenComplete((value, error) -> {
            inFlight.decrementAndGet();
            send(reply(r.id(), value, error));
        });
    }

    private static Message reply(long id, @Nullable Object value, @Nullable Throwable error) {
        if (error != null) {
            Throwable cause = error.getCause() != null && !(error instanceof DeviceException) ? error.getCause() : error;
            return cause instanceof DeviceException e ? new Message.Error(id, e.code(), String.valueOf(e.getMessage()),
                    null) : new Message.Error(id, DeviceException.ErrorCode.DEVICE_FAULT, String.valueOf(cause), null);
        }
        if (value instanceof QuantumDevice.Measurement m) {
            return new Message.Done(id, m.durationNanos(), m.outcome(), 0);
        }
        if (value instanceof Long run) {
            return new Message.Done(id, 0, -1, run);
        }
        return new Message.Done(id, ((AsyncQuantumDevice.Completion) value).durationNanos(), -1, 0);
    }

    private void fatal(DeviceException.ErrorCode code, String message) {
        send(new Message.Error(0, code, message, null));
    }

    private void send(Message m) {
        if (closed) {
            return;
        }
        byte[] frame = Codec.encode(m);
        try {
            synchronized (out) {
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            close("connection lost while sending: " + e.getMessage());
        }
    }

    /** Ends the session once: the socket closes, the node's device is released for another connection. */
    void close(String reason) {
        close(reason, false);
    }

    /** The same, telling the client why first ({@code bye}) when the emulator is the one that ends it. */
    void close(String reason, boolean sayBye) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (sayBye) {
                send(new Message.Bye(reason));
            }
            closed = true;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        String n = node;
        emulator.world().execute(() -> {
            if (device != null) {
                device.removeListener(events);
                device.close();
            }
            emulator.ended(this, n);
        });
    }
}
