package org.qnetstack.hal.serial.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * The driver's engine: one worker thread per device owns the port, the command queue and all protocol
 * state; a reader thread per opening of the port only cuts bytes into lines. Callers never block: a
 * command is queued and its {@link Mono} completes later, on the node's {@link Scheduler}, as do clicks.
 *
 * <p>The worker sends one command at a time, as {@code *CLS;<command>;SYST:ERR?}, so every command
 * gets exactly one reply line whose last unit is the device's verdict on it: the error queue is read
 * with every command and never accumulates. While it waits for that line it goes on handling the click
 * stream. A timeout or a reply that does not fit is followed by a resynchronisation ({@code SYST:SYNC?}
 * with a fresh token; everything before the token's echo is stale) and a resend, as is a command the
 * device could not parse (−1xx: garbled on the way). Lines stay short: settings go one input a line.
 * Losing the port, a restart notice or a silent stream while armed lead to recovery: reopen with
 * exponential backoff, restore every setting, re-arm if armed. If that does not succeed within the
 * reconnection period the device is given up for good ({@link DeviceUnavailableException}).
 */
public final class SerialDevice {
    private static final Logger LOG = Logger.getLogger(SerialDevice.class.getName());
    private static final Sinks.EmitFailureHandler RETRY = Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1));
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    // ---- what the worker is told -----------------------------------------------------------------
    private sealed interface Event {
    }

    private record Received(PortConnection from, LineAssembler.Line line) implements Event {
    }

    private record Lost(PortConnection from, String why) implements Event {
    }

    private record Submitted(Command<?> command) implements Event {
    }

    private enum Close implements Event {
        INSTANCE
    }

    /** How a reply's units become the command's result; runs on the worker. */
    @FunctionalInterface
    private interface ReplyHandler<T> {
        @Nullable T apply(List<String> units);
    }

    /** What a command does on the worker: one or more exchanges. */
    @FunctionalInterface
    private interface Procedure<T> {
        @Nullable T run() throws LinkLost;
    }

    private static final class Command<T> {
        final String text;
        final Procedure<T> procedure;
        final MonoSink<T> sink;
        final long submitted = System.nanoTime();
        volatile boolean cancelled;

        Command(String text, Procedure<T> procedure, MonoSink<T> sink) {
            this.text = text;
            this.procedure = procedure;
            this.sink = sink;
        }
    }

    /** The link was lost, or the device restarted, in the middle of an exchange. */
    private static final class LinkLost extends Exception {
        LinkLost(String why) {
            super(why, null, false, false);
        }
    }

    /** A reply unit that does not read as the command's result. */
    private static final class BadReply extends RuntimeException {
        BadReply(String why) {
            super(why, null, false, false);
        }
    }

    private final URI uri;
    private final String name;
    private final SerialOptions options;
    private final Scheduler scheduler;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final Sinks.Many<ClickEvent> clicks = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<Long> watermarks = Sinks.many().multicast().directBestEffort();
    /** What the reader threads report, queued for the worker. */
    private final PortConnection.Listener reader = new PortConnection.Listener() {
        @Override
        public void line(PortConnection from, LineAssembler.Line line) {
            events.add(new Received(from, line));
        }

        @Override
        public void lost(PortConnection from, String why) {
            events.add(new Lost(from, why));
        }
    };
    private final AtomicLong[] stats = new AtomicLong[Stat.values().length];

    // Worker-confined.
    private final ArrayDeque<Event> deferred = new ArrayDeque<>();
    private @Nullable PortConnection connection;
    private ClickBatcher batcher = new ClickBatcher(0);
    private @Nullable String restartNotice;
    private long lastWatermarkNanos;
    private long syncCounter;
    private boolean closing;
    private long lastWarning = System.nanoTime() - WARN_INTERVAL_NANOS;
    private long quietWarnings;

    // Written by the worker, read by anyone.
    private volatile String identity = "";
    private volatile int channels;
    private volatile long windowPs;
    private volatile boolean armed;
    private volatile ChannelSettings[] settings = new ChannelSettings[0];
    private volatile @Nullable DeviceUnavailableException failure;
    private volatile boolean closed;

    private enum Stat {
        DELIVERED, DROPPED_BATCHES, DROPPED_CLICKS, GARBAGE, CORRUPT, STRAY, UNEXPECTED, TIMEOUTS, RETRIES,
        RECONNECTS, RESTARTS
    }

    private SerialDevice(URI uri, SerialOptions options, Scheduler scheduler) {
        this.uri = uri;
        this.options = options;
        this.scheduler = scheduler;
        String port = options.port();
        this.name = port.substring(port.lastIndexOf('/') + 1);
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new AtomicLong();
        }
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
        return identity;
    }

    public int channelCount() {
        return channels;
    }

    public boolean isArmed() {
        return armed;
    }

    public long coincidenceWindowPs() {
        return windowPs;
    }

    public ChannelSettings channelSettings(int channel) {
        checkChannel(channel);
        return settings[channel];
    }

    public Flux<ClickEvent> clicks() {
        return clicks.asFlux();
    }

    public Flux<Long> watermarks() {
        return watermarks.asFlux();
    }

    public URI uri() {
        return uri;
    }

    public SerialStats stats() {
        return new SerialStats(stat(Stat.DELIVERED), stat(Stat.DROPPED_BATCHES), stat(Stat.DROPPED_CLICKS),
                stat(Stat.GARBAGE), stat(Stat.CORRUPT), stat(Stat.STRAY), stat(Stat.UNEXPECTED), stat(Stat.TIMEOUTS),
                stat(Stat.RETRIES), stat(Stat.RECONNECTS), stat(Stat.RESTARTS));
    }

    public Mono<Void> arm() {
        return this.<Void>command("ACQ:STAR", 0, u -> {
            armed = true;
            lastWatermarkNanos = System.nanoTime();
            return null;
        });
    }

    public Mono<Void> disarm() {
        return this.<Void>command("ACQ:STOP", 0, u -> {
            armed = false;
            return null;
        });
    }

    public Mono<Void> setCoincidenceWindow(long ps) {
        return this.<Void>command("COIN:WIND " + ps, 0, u -> {
            windowPs = ps;
            return null;
        });
    }

    public Mono<DetectorCounters> counters() {
        return command("COUN?;COUN:COIN?", 2, u -> {
            List<Long> perChannel = new ArrayList<>();
            for (String v : u.get(0).split(",", -1)) {
                perChannel.add(whole(v));
            }
            if (perChannel.size() != channels) {
                throw new BadReply(perChannel.size() + " counts for " + channels + " channels");
            }
            return new DetectorCounters(perChannel, whole(u.get(1)));
        });
    }

    public Mono<Void> resetCounters() {
        return command("COUN:RES", 0, u -> null);
    }

    public Mono<Void> setThreshold(int channel, double volts) {
        return Mono.defer(() -> {
            checkChannel(channel);
            if (!Double.isFinite(volts)) {
                throw new IllegalArgumentException("threshold must be finite (was " + volts + ")");
            }
            String v = volts(volts);
            return this.<Void>command("INP" + (channel + 1) + ":THR " + v, 0, u -> {
                ChannelSettings s = settings[channel];
                update(channel, new ChannelSettings(Double.parseDouble(v), s.delayPs(), s.edge()));
                return null;
            });
        });
    }

    public Mono<Void> setDelay(int channel, long ps) {
        return Mono.defer(() -> {
            checkChannel(channel);
            return this.<Void>command("INP" + (channel + 1) + ":DEL " + ps, 0, u -> {
                ChannelSettings s = settings[channel];
                update(channel, new ChannelSettings(s.thresholdVolts(), ps, s.edge()));
                return null;
            });
        });
    }

    public Mono<Void> setEdge(int channel, Edge edge) {
        return Mono.defer(() -> {
            checkChannel(channel);
            return this.<Void>command("INP" + (channel + 1) + ":EDGE " + edge.mnemonic(), 0, u -> {
                ChannelSettings s = settings[channel];
                update(channel, new ChannelSettings(s.thresholdVolts(), s.delayPs(), edge));
                return null;
            });
        });
    }

    /** {@code *RST}: the device's defaults, disarmed; then the driver reads the settings again. */
    public Mono<Void> resetDevice() {
        return this.<Void>submit("*RST", () -> {
            callPatiently("*RST", 0, u -> {
                armed = false;
                return null;
            });
            readSettings();
            return null;
        });
    }

    private void update(int channel, ChannelSettings s) {
        ChannelSettings[] copy = settings.clone();
        copy[channel] = s;
        settings = copy;
    }

    private void checkChannel(int channel) {
        if (channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("no channel " + channel + " (channels 0 to " + (channels - 1) + ")");
        }
    }

    /** A command of one exchange. */
    private <T> Mono<T> command(String text, int replies, ReplyHandler<T> handler) {
        return submit(text, () -> callPatiently(text, replies, handler));
    }

    private <T> Mono<T> submit(String text, Procedure<T> procedure) {
        return Mono.create(sink -> {
            DeviceUnavailableException f = failure;
            if (closed) {
                sink.error(closedException());
                return;
            }
            if (f != null) {
                sink.error(f);
                return;
            }
            Command<T> c = new Command<>(text, procedure, sink);
            sink.onCancel(() -> c.cancelled = true);
            Submitted s = new Submitted(c);
            events.add(s);
            // close() drains the queue after setting the flag: whoever removes the command fails it.
            if (closed && events.remove(s)) {
                sink.error(closedException());
            }
        });
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("serial detector controller " + uri + " is closed");
    }

    // ---- the worker -------------------------------------------------------------------------------

    private void run() {
        try {
            connect(true);
        } catch (RuntimeException e) {
            opened.completeExceptionally(e);
            closeConnection();
            return;
        }
        opened.complete(null);
        try {
            while (!closing) {
                long wake = armed ? lastWatermarkNanos + options.heartbeat().toNanos()
                        : System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                Event e = next(wake);
                if (e instanceof Submitted s) {
                    execute(s.command);
                } else if (e instanceof Received r) {
                    onLine(r.from, r.line);
                } else if (e instanceof Lost l) {
                    if (l.from == connection) {
                        recover(l.why);
                    }
                } else if (e == Close.INSTANCE) {
                    closing = true;
                }
                if (!closing && restartNotice != null) {
                    recover(restartNotice);
                }
                if (!closing && failure == null && armed
                        && System.nanoTime() - lastWatermarkNanos > options.heartbeat().toNanos()) {
                    recover("no watermark for " + options.heartbeat().toMillis() + " ms while armed");
                }
            }
            shutDown();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, uri + ": driver worker failed", e);
            DeviceUnavailableException failed = new DeviceUnavailableException(uri + ": driver failed: " + e, e);
            fail(failed);
            closeConnection();
            failWaiting(failed);
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** The next event: deferred ones first, then the queue until the deadline (null if none came). */
    private @Nullable Event next(long deadlineNanos) {
        Event e = deferred.poll();
        if (e != null) {
            return e;
        }
        try {
            return events.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ie) {
            closing = true;
            return null;
        }
    }

    /** Waits for an event on the link until the deadline, setting aside commands and close requests. */
    private @Nullable Event nextOnLink(long deadlineNanos) {
        while (true) {
            long wait = deadlineNanos - System.nanoTime();
            if (wait <= 0) {
                return null;
            }
            Event e;
            try {
                e = events.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                closing = true;
                return null;
            }
            if (e == null) {
                return null;
            }
            if (e == Close.INSTANCE) {
                closing = true;
            } else if (e instanceof Submitted) {
                deferred.add(e);
            } else {
                return e;
            }
        }
    }

    private <T> void execute(Command<T> c) {
        if (c.cancelled) {
            return;
        }
        DeviceUnavailableException f = failure;
        if (f != null) {
            deliver(() -> c.sink.error(f));
            return;
        }
        long waited = System.nanoTime() - c.submitted;
        long limit = options.reconnect().toNanos() + 4 * (options.retries() + 1L) * options.timeout().toNanos();
        if (waited > limit) {
            CommandTimeoutException e = new CommandTimeoutException(uri + ": '" + c.text + "' waited "
                    + waited / 1_000_000 + " ms in the queue without being sent", c.text);
            deliver(() -> c.sink.error(e));
            return;
        }
        RuntimeException error;
        int losses = 0;
        while (true) {
            try {
                T value = c.procedure.run();
                deliver(() -> {
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
                resynchronise(); // leave the line in step for the next command, or recover it
            } catch (LinkLost e) {
                // Its reply will never come. If the device comes back, the command is resent.
                error = new CommandTimeoutException(uri + ": no reply to '" + c.text + "': " + e.getMessage(), c.text);
                recover(e.getMessage());
                if (failure == null && !closing && losses++ < options.retries()) {
                    count(Stat.RETRIES);
                    continue;
                }
            }
            break;
        }
        DeviceUnavailableException gone = failure;
        RuntimeException result = error instanceof DeviceErrorException ? error
                : gone != null ? gone : closing ? closedException() : error;
        deliver(() -> c.sink.error(result));
    }

    /**
     * {@link #call} with resends, up to the {@code retries} of the URI: after a timeout or a reply that does
     * not fit (once the line is back in step), and after a command error (−1xx: the device could not parse
     * what it got; the driver sends only well-formed commands, so the line garbled it). Other device errors
     * are the device's verdict and are thrown at once, as is the loss of the link.
     */
    private <T> @Nullable T callPatiently(String text, int replies, ReplyHandler<T> handler) throws LinkLost {
        for (int attempt = 0; ; attempt++) {
            try {
                return call(text, replies, handler);
            } catch (DeviceErrorException e) {
                if (e.code() > -100 || e.code() <= -200 || attempt >= options.retries()) {
                    throw e;
                }
                warn("resending '" + text + "' after: " + e.getMessage());
            } catch (CommandTimeoutException | UnexpectedReplyException e) {
                if (attempt >= options.retries() || !synchronise()) {
                    throw e;
                }
                warn("resending '" + text + "' after: " + e.getMessage());
            }
            count(Stat.RETRIES);
        }
    }

    /** One exchange: sends the command wrapped so its reply carries the error queue, and reads the result. */
    private <T> @Nullable T call(String text, int replies, ReplyHandler<T> handler) throws LinkLost {
        String reply = exchange("*CLS;" + text + ";SYST:ERR?", text);
        List<String> units = Scpi.units(reply);
        Optional<Scpi.Error> error = Scpi.parseError(units.get(units.size() - 1));
        if (error.isEmpty()) {
            throw unexpected(text, reply, "no error-queue entry at the end");
        }
        if (error.get().code() != 0) {
            throw new DeviceErrorException(uri.toString(), text, error.get().code(), error.get().text());
        }
        if (units.size() - 1 != replies) {
            throw unexpected(text, reply, (units.size() - 1) + " value(s) where " + replies + " were expected");
        }
        try {
            return handler.apply(units.subList(0, replies));
        } catch (BadReply | IllegalArgumentException e) {
            throw unexpected(text, reply, e.getMessage());
        }
    }

    private UnexpectedReplyException unexpected(String command, String reply, String why) {
        count(Stat.UNEXPECTED);
        return new UnexpectedReplyException(uri.toString(), command, reply, why);
    }

    private String exchange(String wire, String command) throws LinkLost {
        send(wire);
        String reply = awaitReply(System.nanoTime() + options.timeout().toNanos());
        if (reply == null) {
            count(Stat.TIMEOUTS);
            throw new CommandTimeoutException(uri + ": no reply to '" + command + "' within "
                    + options.timeout().toMillis() + " ms", command);
        }
        return reply;
    }

    private void send(String wire) throws LinkLost {
        PortConnection c = connection;
        if (c == null) {
            throw new LinkLost("not connected");
        }
        try {
            c.write(wire);
        } catch (IOException e) {
            throw new LinkLost("write failed: " + e.getMessage());
        }
    }

    /** The next reply line, handling stream lines meanwhile; null at the deadline. */
    private @Nullable String awaitReply(long deadlineNanos) throws LinkLost {
        while (true) {
            Event e = nextOnLink(deadlineNanos);
            if (e == null) {
                return null;
            }
            if (e instanceof Lost l && l.from == connection) {
                throw new LinkLost(l.why);
            }
            if (e instanceof Received r) {
                String reply = onLine(r.from, r.line);
                if (restartNotice != null) {
                    throw new LinkLost(restartNotice);
                }
                if (reply != null) {
                    return reply;
                }
            }
        }
    }

    /**
     * Makes sure the next line read answers the next command sent: asks the device to echo a fresh token
     * and drops every line before the echo. Falls back to recovery if the device does not echo.
     */
    private void resynchronise() {
        try {
            if (synchronise()) {
                return;
            }
            recover("no answer to resynchronisation");
        } catch (LinkLost e) {
            recover(e.getMessage());
        }
    }

    private boolean synchronise() throws LinkLost {
        for (int tries = 0; tries < 2; tries++) {
            String token = "Q" + (++syncCounter);
            send("SYST:SYNC? " + token);
            long deadline = System.nanoTime() + options.timeout().toNanos();
            String line;
            while ((line = awaitReply(deadline)) != null) {
                if (line.equals(token)) {
                    return true;
                }
                count(Stat.STRAY);
                warn("dropped stale reply '" + line + "'");
            }
            count(Stat.TIMEOUTS);
        }
        return false;
    }

    /**
     * Handles a line from the device. Stream lines feed the click batcher; noise is counted. Returns the
     * line if it may be a reply, otherwise null.
     */
    private @Nullable String onLine(PortConnection from, LineAssembler.Line line) {
        if (from != connection) {
            return null; // from a connection since closed
        }
        if (!line.clean()) {
            count(Stat.GARBAGE);
            warn("dropped noise '" + line.text() + "'");
            return null;
        }
        String text = line.text();
        if (text.isEmpty() || text.charAt(0) != StreamLine.PREFIX) {
            if (text.isEmpty()) {
                count(Stat.STRAY);
                return null;
            }
            return text;
        }
        StreamLine s = StreamLine.parse(text);
        if (s instanceof StreamLine.Click c) {
            batcher.click(c.wireChannel(), c.ps());
        } else if (s instanceof StreamLine.Watermark w) {
            onWatermark(w);
        } else if (s instanceof StreamLine.Restart r) {
            count(Stat.RESTARTS);
            restartNotice = "the device restarted ('" + r.text() + "')";
        } else if (s instanceof StreamLine.Corrupt c) {
            count(Stat.CORRUPT);
            batcher.corrupt("corrupted stream line '" + c.line() + "': " + c.reason());
            warn("corrupted stream line '" + c.line() + "': " + c.reason());
        }
        return null;
    }

    private void onWatermark(StreamLine.Watermark w) {
        lastWatermarkNanos = System.nanoTime();
        ClickBatcher.Outcome o = batcher.watermark(w.ps(), w.count());
        if (o.dropped() != null) {
            count(Stat.DROPPED_BATCHES);
            stats[Stat.DROPPED_CLICKS.ordinal()].addAndGet(o.droppedClicks());
            warn("withheld " + o.droppedClicks() + " click(s) before " + w.ps() + " ps: " + o.dropped());
        }
        List<ClickEvent> released = o.released();
        stats[Stat.DELIVERED.ordinal()].addAndGet(released.size());
        long mark = o.watermarkPs();
        deliver(() -> {
            for (ClickEvent c : released) {
                clicks.emitNext(c, RETRY);
            }
            watermarks.emitNext(mark, RETRY);
        });
    }

    // ---- connecting and recovering ----------------------------------------------------------------

    /**
     * Opens the port and brings the session up, retrying with exponential backoff for the reconnection
     * period. The first time it learns the device; afterwards it restores what the driver knows.
     */
    private void connect(boolean first) {
        long deadline = System.nanoTime() + options.reconnect().toNanos();
        long pause = options.backoff().toNanos();
        int attempts = 0;
        Exception last = null;
        while (!closing) {
            attempts++;
            try {
                connection = PortConnection.open(options, reader, name);
                if (!synchronise()) {
                    throw new IOException("no answer to SYST:SYNC?");
                }
                if (first) {
                    learn();
                } else {
                    restore();
                }
                restartNotice = null;
                lastWatermarkNanos = System.nanoTime();
                return;
            } catch (IOException | LinkLost | RuntimeException e) {
                last = e;
                closeConnection();
                restartNotice = null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            pauseFor(Math.min(pause, left));
            pause = Math.min(pause * 2, SerialOptions.MAX_BACKOFF.toNanos());
        }
        if (closing) {
            throw closedException();
        }
        throw new DeviceUnavailableException(uri + ": " + (first ? "cannot open" : "not back") + " after " + attempts
                + " attempt(s) in " + options.reconnect().toMillis() + " ms: " + (last == null ? "?" : last.getMessage()),
                last);
    }

    /** Learns the device: identity, inputs, settings. The device is left disarmed, as the HAL expects. */
    private void learn() throws LinkLost {
        callPatiently("ACQ:STOP;*IDN?;SYST:CHAN?", 2, u -> {
            identity = u.get(0);
            long n = whole(u.get(1));
            if (n < 1 || n > 64) {
                throw new BadReply("channel count " + n + " out of [1, 64]");
            }
            channels = (int) n;
            settings = new ChannelSettings[channels];
            return null;
        });
        batcher = new ClickBatcher(channels);
        armed = false;
        readSettings();
    }

    /** Reads the window and every input's settings, one input a line so that lines stay short. */
    private void readSettings() throws LinkLost {
        windowPs = callPatiently("COIN:WIND?", 1, u -> whole(u.get(0)));
        ChannelSettings[] s = new ChannelSettings[channels];
        for (int ch = 0; ch < channels; ch++) {
            String inp = "INP" + (ch + 1);
            s[ch] = callPatiently(inp + ":THR?;" + inp + ":DEL?;" + inp + ":EDGE?", 3, u -> {
                try {
                    return new ChannelSettings(Double.parseDouble(u.get(0)), whole(u.get(1)), Edge.parse(u.get(2)));
                } catch (NumberFormatException e) {
                    throw new BadReply("threshold '" + u.get(0) + "' is not a number");
                }
            });
        }
        settings = s;
    }

    /** Puts back every setting the driver knows, and the acquisition state, after a restart or reconnection. */
    private void restore() throws LinkLost {
        String idn = callPatiently("*IDN?", 1, u -> u.get(0));
        if (!identity.equals(idn)) {
            LOG.warning(() -> uri + ": the device now identifies as '" + idn + "', was '" + identity + "'");
        }
        callPatiently("COIN:WIND " + windowPs, 0, u -> null);
        ChannelSettings[] s = settings;
        for (int ch = 0; ch < channels; ch++) {
            String inp = "INP" + (ch + 1);
            callPatiently(inp + ":THR " + volts(s[ch].thresholdVolts()) + ";" + inp + ":DEL " + s[ch].delayPs() + ";"
                    + inp + ":EDGE " + s[ch].edge().mnemonic(), 0, u -> null);
        }
        callPatiently(armed ? "ACQ:STAR" : "ACQ:STOP", 0, u -> null);
    }

    private void recover(String why) {
        if (failure != null || closing) {
            return;
        }
        LOG.warning(() -> uri + ": recovering: " + why);
        int unconfirmed = batcher.discard();
        stats[Stat.DROPPED_CLICKS.ordinal()].addAndGet(unconfirmed);
        restartNotice = null;
        closeConnection();
        try {
            connect(false);
            count(Stat.RECONNECTS);
            LOG.info(() -> uri + ": recovered (" + why + ")");
        } catch (DeviceUnavailableException e) {
            LOG.severe(e::getMessage);
            fail(e);
        } catch (IllegalStateException closedMeanwhile) {
            // close() was called while reconnecting: nothing to report
        }
    }

    /** Gives the device up: every waiting and later command, and the click stream, end with this error. */
    private void fail(DeviceUnavailableException e) {
        failure = e;
        armed = false;
        deliver(() -> {
            clicks.emitError(e, RETRY);
            watermarks.emitError(e, RETRY);
        });
    }

    /** Sleeps between reconnection attempts, still taking in commands and close requests. */
    private void pauseFor(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (!closing && nextOnLink(deadline) != null) {
            // lines and losses of closed connections: nothing to do
        }
    }

    private void closeConnection() {
        PortConnection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }

    private void shutDown() {
        if (failure == null && connection != null && armed) {
            try {
                call("ACQ:STOP", 0, u -> null); // leave the device idle; best effort, bounded by the timeout
            } catch (LinkLost | RuntimeException e) {
                LOG.fine(() -> uri + ": could not disarm while closing: " + e);
            }
        }
        armed = false;
        closeConnection();
        for (Event e : deferred) {
            if (e instanceof Submitted s) {
                s.command.sink.error(closedException());
            }
        }
        deferred.clear();
    }

    // ---- closing ----------------------------------------------------------------------------------

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        events.add(Close.INSTANCE);
        if (Thread.currentThread() != worker) {
            try {
                worker.join(options.timeout().toMillis() * 2 + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                LOG.warning(() -> uri + ": worker thread did not stop in time");
            }
        }
        failWaiting(closedException());
        deliver(() -> {
            clicks.emitComplete(RETRY);
            watermarks.emitComplete(RETRY);
        });
    }

    /** Fails every command still queued or set aside: nobody will send them. */
    private void failWaiting(RuntimeException error) {
        List<Event> left = new ArrayList<>();
        events.drainTo(left);
        for (Event e : left) {
            if (e instanceof Submitted s) {
                s.command.sink.error(error);
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Runs on the node's loop, as the HAL promises; if that loop refuses (shut down), runs here. */
    private void deliver(Runnable r) {
        try {
            scheduler.execute(r);
        } catch (RuntimeException e) {
            r.run();
        }
    }

    /** Volts as sent: four decimals, the device's resolution. */
    private static String volts(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static long whole(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadReply("'" + text + "' is not a whole number");
        }
    }

    private void count(Stat s) {
        stats[s.ordinal()].incrementAndGet();
    }

    private long stat(Stat s) {
        return stats[s.ordinal()].get();
    }

    /** Logs a fault at WARNING at most once a second (noise must not flood the log), at FINE otherwise. */
    private void warn(String what) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_INTERVAL_NANOS) {
            long quiet = quietWarnings;
            lastWarning = now;
            quietWarnings = 0;
            LOG.warning(() -> uri + ": " + what + (quiet > 0 ? " (and " + quiet + " more in the last second)" : ""));
        } else {
            quietWarnings++;
            LOG.fine(() -> uri + ": " + what);
        }
    }

    @Override
    public String toString() {
        return "SerialDevice[" + uri + ", channels=" + channels + ", armed=" + armed + ", settings="
                + Arrays.toString(settings) + "]";
    }
}
