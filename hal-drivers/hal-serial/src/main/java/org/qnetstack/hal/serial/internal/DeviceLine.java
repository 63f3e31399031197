package org.qnetstack.hal.serial.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.serial.internal.Counters.Stat;

/**
 * The line to one device as its worker uses it: the current opening of the port, the queue of what
 * happened (lines read, the port lost, commands submitted, close), and the exchange of one message for
 * one reply line, with the click stream handled meanwhile. A line from a connection since closed is
 * ignored. Everything but the queue is confined to the worker.
 */
final class DeviceLine implements Wire {
    /** What the worker is told. */
    sealed interface Event {
    }

    record Received(PortConnection from, LineAssembler.Line line) implements Event {
    }

    record Lost(PortConnection from, String why) implements Event {
    }

    record Submitted(QueuedCommand<?> command) implements Event {
    }

    enum Close implements Event {
        INSTANCE
    }

    private final SerialOptions options;
    private final String name;
    private final Counters counters;
    private final ClickStream stream;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Commands that came while an exchange was under way, taken before the queue. */
    private final ArrayDeque<Event> deferred = new ArrayDeque<>();
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
    private @Nullable PortConnection connection;
    private @Nullable String restartNotice;
    private long syncCounter;
    private boolean closing;

    DeviceLine(SerialOptions options, String name, Counters counters, ClickStream stream) {
        this.options = options;
        this.name = name;
        this.counters = counters;
        this.stream = stream;
    }

    /** From any thread. */
    void post(Event e) {
        events.add(e);
    }

    /** From any thread: takes the event back if the worker has not; true if it did. */
    boolean withdraw(Event e) {
        return events.remove(e);
    }

    boolean closing() {
        return closing;
    }

    void markClosing() {
        closing = true;
    }

    void open() throws IOException {
        closeConnection();
        connection = PortConnection.open(options, reader, name);
    }

    boolean connected() {
        return connection != null;
    }

    boolean isCurrent(PortConnection c) {
        return c == connection;
    }

    void closeConnection() {
        PortConnection c = connection;
        connection = null;
        restartNotice = null;
        if (c != null) {
            c.close();
        }
    }

    /** The restart notice seen since the last call, if any. */
    @Nullable String takeRestartNotice() {
        String n = restartNotice;
        restartNotice = null;
        return n;
    }

    // ---- events -----------------------------------------------------------------------------------

    /** The next event: set-aside commands first, then the queue until the deadline (null if none came). */
    @Nullable Event next(long deadlineNanos) {
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

    /** Waits for an event on the link until the deadline, setting aside commands and noting close requests. */
    @Nullable Event nextOnLink(long deadlineNanos) {
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

    /** Sleeps, still taking in lines (of closed connections), commands and close requests. */
    void pauseFor(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (!closing && nextOnLink(deadline) != null) {
            // nothing to do with them while disconnected
        }
    }

    /**
     * Every command not yet run, taken out (so none is left behind at close): queued ones, and, on the
     * worker or once it has stopped ({@code worker} true), those set aside.
     */
    List<QueuedCommand<?>> drainCommands(boolean worker) {
        List<Event> left = new ArrayList<>();
        if (worker) {
            left.addAll(deferred);
            deferred.clear();
        }
        events.drainTo(left);
        List<QueuedCommand<?>> commands = new ArrayList<>();
        for (Event e : left) {
            if (e instanceof Submitted s) {
                commands.add(s.command());
            }
        }
        return commands;
    }

    // ---- exchanges --------------------------------------------------------------------------------

    @Override
    public @Nullable String exchange(String line) throws LinkLost {
        send(line);
        return awaitReply(System.nanoTime() + options.timeout().toNanos());
    }

    private void send(String line) throws LinkLost {
        PortConnection c = connection;
        if (c == null) {
            throw new LinkLost("not connected");
        }
        try {
            c.write(line);
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
            if (e instanceof Lost l && l.from() == connection) {
                throw new LinkLost(l.why());
            }
            if (e instanceof Received r) {
                String reply = onLine(r.from(), r.line());
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
     * Asks the device to echo a fresh token and drops every line before the echo (stale replies). Tries
     * twice, each bounded by the reply timeout.
     */
    @Override
    public boolean synchronise() throws LinkLost {
        for (int tries = 0; tries < 2; tries++) {
            String token = "Q" + (++syncCounter);
            send("SYST:SYNC? " + token);
            long deadline = System.nanoTime() + options.timeout().toNanos();
            String line;
            while ((line = awaitReply(deadline)) != null) {
                if (line.equals(token)) {
                    return true;
                }
                counters.count(Stat.STRAY);
                counters.warn("dropped stale reply '" + line + "'");
            }
            counters.count(Stat.TIMEOUTS);
        }
        return false;
    }

    /**
     * Handles a line from the device. Stream lines go to the click stream; noise is counted. Returns the
     * line if it may be a reply, otherwise null.
     */
    @Nullable String onLine(PortConnection from, LineAssembler.Line line) {
        if (from != connection) {
            return null;
        }
        if (!line.clean()) {
            counters.count(Stat.GARBAGE);
            counters.warn("dropped noise '" + line.text() + "'");
            return null;
        }
        String text = line.text();
        if (text.isEmpty()) {
            counters.count(Stat.STRAY);
            return null;
        }
        if (text.charAt(0) != StreamLine.PREFIX) {
            return text;
        }
        StreamLine s = StreamLine.parse(text);
        if (s instanceof StreamLine.Restart r) {
            counters.count(Stat.RESTARTS);
            stream.deviceRestarted();
            restartNotice = "the device restarted ('" + r.text() + "')";
        } else {
            stream.accept(s);
        }
        return null;
    }
}
