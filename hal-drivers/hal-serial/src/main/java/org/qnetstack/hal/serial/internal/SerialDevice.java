package org.qnetstack.hal.serial.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorCounters;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.serial.ChannelSettings;
import org.qnetstack.hal.serial.CommandTimeoutException;
import org.qnetstack.hal.serial.DeviceErrorException;
import org.qnetstack.hal.serial.DeviceUnavailableException;
import org.qnetstack.hal.serial.Edge;
import org.qnetstack.hal.serial.SerialStats;
import org.qnetstack.hal.serial.UnexpectedReplyException;
import org.qnetstack.hal.serial.internal.DeviceSettings.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The driver's engine and the API the public controller forwards to. One worker thread per device runs
 * the command queue: callers never block, a command is queued and its {@link Mono} completes later, on
 * the node's {@link Scheduler}, as do clicks. The work is split along its responsibilities:
 *
 * <ul>
 *   <li>{@link PortConnection}: one opening of the port and its reader thread (bytes to lines);</li>
 *   <li>{@link DeviceLine}: the event queue and the exchange of one message for one reply line, the click
 *       stream handled meanwhile, resynchronisation;</li>
 *   <li>{@link Request} and {@link CommandRunner}: what makes a reply believable, and the bounded resends;</li>
 *   <li>{@link DeviceSettings}: the verified settings and the user's choices;</li>
 *   <li>{@link DeviceSession}: opening, recovery and the verified procedures;</li>
 *   <li>{@link ClickStream} and {@link ClickBatcher}: clicks released only when confirmed, losses counted
 *       exactly from the watermarks' totals;</li>
 *   <li>this class: the queue of callers' commands and the worker's loop.</li>
 * </ul>
 *
 * A command that failed for want of a believable reply leaves the line resynchronised; a lost link is
 * recovered and the command resent; the device's own rejection fails the command at once.
 */
public final class SerialDevice {
    private static final Logger LOG = LoggerFactory.getLogger(SerialDevice.class);

    private final URI uri;
    private final SerialOptions options;
    private final Counters counters;
    private final ClickStream stream;
    private final DeviceLine line;
    private final DeviceSession session;
    private final Thread worker;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile boolean closed;

    private SerialDevice(URI uri, SerialOptions options, Scheduler scheduler) {
        this.uri = uri;
        this.options = options;
        String port = options.port();
        String name = port.substring(port.lastIndexOf('/') + 1);
        this.counters = new Counters(uri.toString());
        this.stream = new ClickStream(scheduler, counters);
        this.line = new DeviceLine(options, name, counters, stream);
        this.session = new DeviceSession(uri, options, line, stream, counters);
        this.worker = new Thread(this::run, "qnetstack-serial-" + name);
        this.worker.setDaemon(true);
    }

    /**
     * Opens the device and learns what it is and how it is set. Blocks the caller until then, at most
     * for the reconnection period plus a few reply timeouts: the HAL's {@code open} is synchronous.
     */
    public static SerialDevice open(URI uri, Scheduler scheduler) {
        SerialDevice d = new SerialDevice(uri, SerialOptions.parse(uri), scheduler);
        d.worker.start();
        long boundMs = d.options.reconnect().toMillis() + 8 * d.options.timeout().toMillis() + 2000;
        try {
            d.opened.get(boundMs, TimeUnit.MILLISECONDS);
            return d;
        } catch (ExecutionException e) {
            d.close();
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new DeviceUnavailableException(uri + ": cannot open: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            d.close();
            throw new DeviceUnavailableException(uri + ": not ready within " + boundMs + " ms", e);
        } catch (InterruptedException e) {
            d.close();
            Thread.currentThread().interrupt();
            throw new DeviceUnavailableException(uri + ": interrupted while opening", e);
        }
    }

    // ---- the API the public controller forwards to ------------------------------------------------

    public String identity() {
        return session.identity();
    }

    public int channelCount() {
        return session.settings().channels();
    }

    public boolean isArmed() {
        return session.armed();
    }

    public long coincidenceWindowPs() {
        return session.settings().windowPs();
    }

    public ChannelSettings channelSettings(int channel) {
        checkChannel(channel);
        return session.settings().channel(channel);
    }

    public Flux<ClickEvent> clicks() {
        return stream.clicks();
    }

    public Flux<Long> watermarks() {
        return stream.watermarks();
    }

    public URI uri() {
        return uri;
    }

    public SerialStats stats() {
        return counters.snapshot();
    }

    public Mono<Void> arm() {
        return submit("ACQ:STAR", () -> {
            session.acquire(true);
            return null;
        });
    }

    public Mono<Void> disarm() {
        return submit("ACQ:STOP", () -> {
            session.acquire(false);
            return null;
        });
    }

    public Mono<Void> setCoincidenceWindow(long ps) {
        return submit("COIN:WIND " + ps, () -> {
            session.writeWindow(ps, true);
            return null;
        });
    }

    /** Both counters read twice in one message (executed together by the device) and believed if they agree. */
    public Mono<DetectorCounters> counters() {
        Request r = Request.read("", List.of("COUN?", "COUN:COIN?"));
        return submit(r.text(), () -> session.read(r, u -> {
            List<Long> perChannel = new ArrayList<>();
            for (String v : u.get(0).split(",", -1)) {
                perChannel.add(DeviceSettings.whole(v));
            }
            if (perChannel.size() != channelCount()) {
                throw new IllegalArgumentException(perChannel.size() + " counts for " + channelCount() + " channels");
            }
            return new DetectorCounters(perChannel, DeviceSettings.whole(u.get(1)));
        }));
    }

    /** Zeroes the counters and reads them back: all zero, as the device resets them with the reading. */
    public Mono<Void> resetCounters() {
        return submit("COUN:RES", () -> {
            String zeros = String.join(",", Collections.nCopies(channelCount(), "0"));
            session.runner().run(Request.write("COUN:RES", List.of("COUN?", "COUN:COIN?"), List.of(zeros, "0")));
            return null;
        });
    }

    public Mono<Void> setThreshold(int channel, double volts) {
        return Mono.defer(() -> {
            checkChannel(channel);
            if (!Double.isFinite(volts)) {
                throw new IllegalArgumentException("threshold must be finite (was " + volts + ")");
            }
            return set(Kind.THRESHOLD, channel, DeviceSettings.format(Kind.THRESHOLD, volts));
        });
    }

    public Mono<Void> setDelay(int channel, long ps) {
        return Mono.defer(() -> {
            checkChannel(channel);
            return set(Kind.DELAY, channel, DeviceSettings.format(Kind.DELAY, ps));
        });
    }

    public Mono<Void> setEdge(int channel, Edge edge) {
        return Mono.defer(() -> {
            checkChannel(channel);
            return set(Kind.EDGE, channel, DeviceSettings.format(Kind.EDGE, edge));
        });
    }

    private Mono<Void> set(Kind kind, int channel, String value) {
        return submit(kind.set(channel, value), () -> {
            session.write(kind, channel, value, true);
            return null;
        });
    }

    /** {@code *RST}: the device's defaults, disarmed; then the driver reads the settings again. */
    public Mono<Void> resetDevice() {
        return submit("*RST", () -> {
            session.reset();
            return null;
        });
    }

    private void checkChannel(int channel) {
        int channels = channelCount();
        if (channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("no channel " + channel + " (channels 0 to " + (channels - 1) + ")");
        }
    }

    private <T> Mono<T> submit(String text, QueuedCommand.Procedure<T> procedure) {
        return Mono.create(sink -> {
            DeviceUnavailableException f = session.failure();
            if (closed) {
                sink.error(session.closedException());
                return;
            }
            if (f != null) {
                sink.error(f);
                return;
            }
            QueuedCommand<T> c = new QueuedCommand<>(text, procedure, sink);
            sink.onCancel(() -> c.cancelled = true);
            DeviceLine.Submitted s = new DeviceLine.Submitted(c);
            line.post(s);
            // close() drains the queue after setting the flag: whoever removes the command fails it.
            if (closed && line.withdraw(s)) {
                sink.error(session.closedException());
            }
        });
    }

    // ---- the worker -------------------------------------------------------------------------------

    private void run() {
        try {
            session.connect(true);
        } catch (RuntimeException e) {
            opened.completeExceptionally(e);
            line.closeConnection();
            return;
        }
        opened.complete(null);
        try {
            while (!line.closing()) {
                long wake = session.armed() ? stream.lastWatermarkNanos() + options.heartbeat().toNanos()
                        : System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                DeviceLine.Event e = line.next(wake);
                if (e instanceof DeviceLine.Submitted s) {
                    execute(s.command());
                } else if (e instanceof DeviceLine.Received r) {
                    line.onLine(r.from(), r.line());
                } else if (e instanceof DeviceLine.Lost l) {
                    if (line.isCurrent(l.from())) {
                        session.recover(l.why());
                    }
                } else if (e == DeviceLine.Close.INSTANCE) {
                    line.markClosing();
                    break;
                }
                String restart = line.takeRestartNotice();
                if (!line.closing() && restart != null) {
                    session.recover(restart);
                }
                if (!line.closing() && session.failure() == null && session.armed()
                        && System.nanoTime() - stream.lastWatermarkNanos() > options.heartbeat().toNanos()) {
                    session.recover("no watermark for " + options.heartbeat().toMillis() + " ms while armed");
                }
            }
            session.disarmQuietly();
            line.closeConnection();
            failWaiting(session.closedException(), true);
        } catch (RuntimeException | Error e) {
            LOG.error(uri + ": driver worker failed", e);
            DeviceUnavailableException failed = new DeviceUnavailableException(uri + ": driver failed: " + e, e);
            session.fail(failed);
            line.closeConnection();
            failWaiting(failed, true);
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private <T> void execute(QueuedCommand<T> c) {
        if (c.cancelled) {
            return;
        }
        DeviceUnavailableException f = session.failure();
        if (f != null) {
            stream.deliver(() -> c.sink.error(f));
            return;
        }
        long waited = System.nanoTime() - c.submittedNanos;
        long limit = options.reconnect().toNanos() + 4 * (options.retries() + 1L) * options.timeout().toNanos();
        if (waited > limit) {
            CommandTimeoutException e = new CommandTimeoutException(uri + ": '" + c.text + "' waited "
                    + waited / 1_000_000 + " ms in the queue without being sent", c.text);
            stream.deliver(() -> c.sink.error(e));
            return;
        }
        RuntimeException error;
        int losses = 0;
        while (true) {
            try {
                T value = c.procedure.run();
                stream.deliver(() -> {
                    if (value == null) {
                        c.sink.success();
                    } else {
                        c.sink.success(value);
                    }
                });
                return;
            } catch (DeviceErrorException e) {
                error = e;
            } catch (CommandTimeoutException | UnexpectedReplyException e) {
                error = e;
                session.resynchronise(); // leave the line in step for the next command, or recover it
            } catch (LinkLost e) {
                // Its reply will never come. If the device comes back, the command is resent.
                error = new CommandTimeoutException(uri + ": no reply to '" + c.text + "': " + e.getMessage(), c.text);
                session.recover(e.getMessage());
                if (session.failure() == null && !line.closing() && losses++ < options.retries()) {
                    counters.count(Counters.Stat.RETRIES);
                    continue;
                }
            }
            break;
        }
        DeviceUnavailableException gone = session.failure();
        RuntimeException result = error instanceof DeviceErrorException ? error
                : gone != null ? gone : line.closing() ? session.closedException() : error;
        stream.deliver(() -> c.sink.error(result));
    }

    /** Fails every command still queued or set aside: nobody will send them. */
    private void failWaiting(RuntimeException error, boolean onWorker) {
        for (QueuedCommand<?> c : line.drainCommands(onWorker)) {
            c.sink.error(error);
        }
    }

    // ---- closing ----------------------------------------------------------------------------------

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        line.post(DeviceLine.Close.INSTANCE);
        if (Thread.currentThread() != worker) {
            try {
                worker.join(options.timeout().toMillis() * 2 + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                LOG.atWarn().log(() -> uri + ": worker thread did not stop in time");
            }
        }
        failWaiting(session.closedException(), !worker.isAlive());
        stream.complete();
    }

    @Override
    public String toString() {
        return "SerialDevice[" + uri + ", channels=" + channelCount() + ", armed=" + isArmed() + ", settings="
                + Arrays.toString(session.settings().all()) + "]";
    }
}
