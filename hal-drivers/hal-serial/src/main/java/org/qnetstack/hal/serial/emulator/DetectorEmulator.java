package org.qnetstack.hal.serial.emulator;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.serial.internal.LineAssembler;
import org.qnetstack.hal.serial.internal.Scpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulated detector/timing controller speaking the serial driver's protocol, on a TCP port or a serial
 * line, with clicks from a {@link ClickSource}. Like a device on a serial line it talks to one peer at a
 * time; its state survives the peer going away, as a device's survives a pulled cable.
 *
 * <p>Threads: one serves the connection (reads commands, answers), one takes batches from the click
 * source and streams them. One lock covers the device state and the output, so a batch of stream lines
 * and a reply never interleave and the lines of a batch are never split by a command's effect.
 */
public final class DetectorEmulator implements AutoCloseable {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(DetectorEmulator.class);

    private final Object lock = new Object();
    private final Instrument instrument;
    private final ClickSource source;
    private final Duration heartbeat;
    private final EmulatorFaults faults = new EmulatorFaults();
    private final SplittableRandom noise;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> endpoints = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile @Nullable Connection current; // written under lock
    private long linesSent;
    private boolean acquiring;

    /** One peer: a TCP connection or an open serial port. */
    private static final class Connection {
        final InputStream in;
        final OutputStream out;
        final AutoCloseable resource;
        volatile boolean open = true;

        Connection(InputStream in, OutputStream out, AutoCloseable resource) {
            this.in = in;
            this.out = out;
            this.resource = resource;
        }

        void close() {
            open = false;
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debug("closing emulator connection", e);
            }
        }
    }

    /**
     * @param channels  inputs of the device (1 to 64)
     * @param source    where clicks come from
     * @param heartbeat longest time without a watermark while armed and idle
     * @param seed      seed of the line-noise fault's random bytes
     */
    public DetectorEmulator(int channels, ClickSource source, Duration heartbeat, long seed) {
        this.instrument = new Instrument(channels, String.format("EMU%06d", Math.floorMod(seed, 1_000_000)));
        this.source = source;
        this.heartbeat = heartbeat;
        this.noise = new SplittableRandom(seed);
    }

    public DetectorEmulator(int channels, ClickSource source) {
        this(channels, source, DEFAULT_HEARTBEAT, 1);
    }

    public EmulatorFaults faults() {
        return faults;
    }

    /** The reply to {@code *IDN?}. */
    public String identity() {
        return instrument.identity();
    }

    public boolean isArmed() {
        synchronized (lock) {
            return instrument.armed();
        }
    }

    /** True while a peer is connected. */
    public boolean isConnected() {
        return current != null;
    }

    /**
     * Listens on the loopback interface, one peer at a time.
     *
     * @param port the port, or 0 for any free one
     * @return the port bound
     */
    public int serveTcp(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        endpoints.add(server);
        start("qnetstack-emulator-tcp-" + server.getLocalPort(), () -> {
            while (!closed) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    if (!closed) {
                        LOG.warn("emulator stopped accepting", e);
                    }
                    return;
                }
                try {
                    s.setTcpNoDelay(true);
                    serve(new Connection(s.getInputStream(), s.getOutputStream(), s));
                } catch (IOException e) {
                    LOG.debug("emulator connection failed", e);
                }
            }
        });
        startAcquisition();
        return server.getLocalPort();
    }

    /** Opens a serial port (e.g. one end of a pty pair) and answers on it until closed. */
    public void serveSerial(String path, int baud) throws IOException {
        SerialPort probe;
        try {
            probe = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port " + path, e);
        }
        SerialPort port = probe;
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 1000);
        if (!port.openPort()) {
            throw new IOException("cannot open " + path + " (error " + port.getLastErrorCode() + ")");
        }
        endpoints.add(port::closePort);
        start("qnetstack-emulator-serial", () -> {
            while (!closed) {
                serve(new Connection(port.getInputStream(), port.getOutputStream(), () -> { }));
                pause(200); // the line went quiet or failed: keep serving it, as a device would
            }
        });
        startAcquisition();
    }

    /**
     * Power-cycles the device: settings back to defaults, disarmed, error queue empty.
     *
     * @param announce whether it sends its restart notice ({@code #R}); false plays a device whose notice
     *                 was lost on the line
     */
    public void powerCycle(boolean announce) {
        synchronized (lock) {
            List<String> notice = instrument.powerCycle();
            if (announce) {
                send(notice);
            }
        }
    }

    /**
     * Runs a command line as if keyed in on the device's front panel, and returns its reply ("" if none).
     * Stream lines it causes still go to the peer. For tests to look at the device's state.
     */
    public String frontPanel(String commandLine) {
        synchronized (lock) {
            List<String> out = new ArrayList<>(instrument.execute(commandLine));
            String reply = !out.isEmpty() && !out.get(out.size() - 1).startsWith("#") ? out.remove(out.size() - 1) : "";
            send(out);
            return reply;
        }
    }

    /** Closes the connection to the current peer, as a pulled cable or a device that died would. */
    public void dropConnection() {
        synchronized (lock) {
            Connection c = current;
            if (c != null) {
                c.close();
            }
        }
    }

    /** Sends bytes as they are, e.g. noise or a half line. */
    public void sendRaw(byte[] bytes) {
        synchronized (lock) {
            Connection c = current;
            if (c != null) {
                try {
                    c.out.write(bytes);
                    c.out.flush();
                } catch (IOException e) {
                    c.close();
                }
            }
        }
    }

    private void serve(Connection c) {
        synchronized (lock) {
            Connection old = current;
            if (old != null) {
                old.close();
            }
            current = c;
        }
        LineAssembler lines = new LineAssembler(Scpi.MAX_LINE, line -> command(c, line));
        byte[] buffer = new byte[1024];
        try {
            while (!closed && c.open) {
                int n;
                try {
                    n = c.in.read(buffer);
                } catch (InterruptedIOException idle) {
                    continue; // a serial port's read timeout
                }
                if (n < 0) {
                    break;
                }
                lines.feed(buffer, 0, n);
            }
        } catch (SocketException e) {
            LOG.atDebug().log(() -> "emulator connection closed: " + e.getMessage());
        } catch (IOException e) {
            LOG.debug("emulator connection failed", e);
        } finally {
            synchronized (lock) {
                if (current == c) {
                    current = null;
                }
            }
            c.close();
        }
    }

    private void command(Connection c, LineAssembler.Line line) {
        if (faults.mute()) {
            return;
        }
        String reply = null;
        long delay = 0;
        synchronized (lock) {
            if (!line.clean()) {
                instrument.unreadable();
                return;
            }
            long starts = instrument.starts();
            NoisyLine noisy = faults.line();
            String text = noisy == null ? line.text() : noisy.receive(line.text());
            if (!printable(text)) {
                instrument.unreadable();
                return;
            }
            text = faults.takeGarbleCommand() ? garble(text) : text;
            List<String> out = new ArrayList<>(instrument.execute(text));
            if (!out.isEmpty() && !out.get(out.size() - 1).startsWith("#")) {
                reply = out.remove(out.size() - 1);
                String replacement = faults.takeReplacement();
                reply = replacement != null ? replacement : reply;
                delay = faults.takeReplyDelayMs();
            }
            if (instrument.starts() != starts) {
                source.acquisitionStarted(instrument.watermark());
            }
            send(c, out);
            if (reply != null && delay == 0) {
                send(c, List.of(reply));
                reply = null;
            }
        }
        if (reply != null) {
            pause(delay);
            synchronized (lock) {
                send(c, List.of(reply));
            }
        }
    }

    private void startAcquisition() {
        synchronized (lock) {
            if (acquiring) {
                return;
            }
            acquiring = true;
        }
        start("qnetstack-emulator-acquisition", () -> {
            while (!closed) {
                ClickSource.Batch batch;
                try {
                    batch = source.next(heartbeat);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (lock) {
                    send(batch != null ? instrument.acquire(batch) : instrument.heartbeat());
                }
                if (batch != null) {
                    source.consumed(batch);
                }
            }
        });
    }

    private void send(List<String> lines) {
        Connection c = current;
        if (c != null) {
            send(c, lines);
        }
    }

    /** Writes lines to the peer with the faults switched on; called under the lock. */
    private void send(Connection c, List<String> lines) {
        if (!c.open || lines.isEmpty()) {
            return;
        }
        try {
            for (String line : lines) {
                if (line.startsWith("#T")) {
                    if (faults.takeDropClick()) {
                        continue;
                    }
                    if (faults.takeCorruptClick()) {
                        line = corrupt(line);
                    }
                }
                int every = faults.noiseEvery();
                if (every > 0 && ++linesSent % every == 0) {
                    c.out.write(noiseBurst(noise));
                }
                NoisyLine noisy = faults.line();
                if (noisy != null) {
                    noisy.write(c.out, line, faults.crlf());
                    continue;
                }
                byte[] bytes = (line + (faults.crlf() ? "\r\n" : "\n")).getBytes(StandardCharsets.US_ASCII);
                long split = faults.splitPauseMs();
                if (split > 0) {
                    int half = bytes.length / 2;
                    c.out.write(bytes, 0, half);
                    c.out.flush();
                    pause(split);
                    c.out.write(bytes, half, bytes.length - half);
                } else {
                    c.out.write(bytes);
                }
            }
            c.out.flush();
        } catch (IOException e) {
            LOG.atDebug().log(() -> "emulator write failed: " + e.getMessage());
            c.close();
        }
    }

    /** 1 to 4 bytes that are not printable ASCII and not LF: what a noisy line adds. */
    static byte[] noiseBurst(SplittableRandom noise) {
        byte[] b = new byte[1 + noise.nextInt(4)];
        for (int i = 0; i < b.length; i++) {
            int v;
            do {
                v = noise.nextInt(256);
            } while ((v >= 0x20 && v <= 0x7E) || v == '\n');
            b[i] = (byte) v;
        }
        return b;
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** The first character of the command after the first {@code ;} (or of the line) made {@code ~}. */
    private static String garble(String line) {
        int at = line.indexOf(';') + 1;
        return at >= line.length() ? "~" : line.substring(0, at) + "~" + line.substring(at + 1);
    }

    /** Changes the last digit before the CRC, so the CRC no longer matches. */
    private static String corrupt(String line) {
        int star = line.lastIndexOf('*');
        char[] c = line.toCharArray();
        for (int i = star - 1; i >= 0; i--) {
            if (Character.isDigit(c[i])) {
                c[i] = (char) ('0' + (c[i] - '0' + 1) % 10);
                break;
            }
        }
        return new String(c);
    }

    private void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops serving: closes the peer, the listening socket or port, and the emulator's threads. */
    @Override
    public void close() {
        closed = true;
        dropConnection();
        for (AutoCloseable e : endpoints) {
            try {
                e.close();
            } catch (Exception ex) {
                LOG.debug("closing emulator endpoint", ex);
            }
        }
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
