package org.qnetstack.hal.qdevice.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.device.DeviceDisconnectedException;
import org.qnetstack.hal.device.DeviceException;
import org.qnetstack.hal.device.DeviceProtocolException;
import org.qnetstack.hal.device.DeviceTimeoutException;
import org.qnetstack.hal.qdevice.protocol.Codec;
import org.qnetstack.hal.qdevice.protocol.MalformedFrameException;
import org.qnetstack.hal.qdevice.protocol.Message;
import org.qnetstack.hal.qdevice.protocol.WireProtocol;

/**
 * The client's end of one TCP connection to a device: the handshake, frames out (whole, one writer at a
 * time), and a reader thread that hands each frame in to the driver. Closing the socket ends the thread.
 */
public final class DeviceConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final LineReader reader;
    private final String name;
    private @Nullable Thread readerThread;

    private DeviceConnection(Socket socket, String name) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new LineReader(socket.getInputStream(), WireProtocol.MAX_FRAME_BYTES);
        this.name = name;
    }

    /**
     * Connects and shakes hands: sends hello, waits for welcome.
     *
     * @throws DeviceException DISCONNECTED if the device cannot be reached or closes, TIMEOUT if it does not
     *                         answer in time, VERSION_MISMATCH or another code if it refuses
     */
    public static Handshaken connect(DriverOptions o) {
        Socket socket = new Socket();
        DeviceConnection c = null;
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(o.host(), o.port()), (int) o.connectMillis());
            c = new DeviceConnection(socket, o.node() + "@" + o.host() + ":" + o.port());
            socket.setSoTimeout((int) o.connectMillis());
            c.send(new Message.Hello(o.versions(), o.node()));
            LineReader.Line line = c.reader.next();
            // The device's clock read when its welcome arrived, before decoding it (a first decode loads classes).
            long arrived = System.nanoTime();
            if (line == null) {
                throw new DeviceDisconnectedException(c.name + " closed the connection during the handshake");
            }
            if (line.text() == null) {
                throw new DeviceProtocolException(c.name + " answered hello with " + (line.oversize()
                        ? "an oversize frame" : "bytes that are not UTF-8"));
            }
            Message m = Codec.decode(line.text());
            if (m instanceof Message.Error e) {
                String also = e.versions() == null ? "" : " (it speaks versions " + e.versions() + ", this driver "
                        + o.versions() + ")";
                throw DeviceException.of(e.code(), c.name + " refused the handshake: " + e.message() + also);
            }
            if (!(m instanceof Message.Welcome w)) {
                throw new DeviceProtocolException(c.name + " answered hello with a " + m.getClass().getSimpleName()
                        + " frame instead of welcome");
            }
            if (!WireProtocol.SUPPORTED_VERSIONS.contains(w.version()) || !o.versions().contains(w.version())) {
                throw new DeviceProtocolException(DeviceException.ErrorCode.VERSION_MISMATCH, c.name
                        + " chose protocol version " + w.version() + ", which this driver did not offer ("
                        + o.versions() + ")");
            }
            socket.setSoTimeout(0);
            return new Handshaken(c, w, arrived);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new DeviceTimeoutException("device " + o.node() + " at " + o.host() + ":" + o.port()
                    + " did not complete the handshake within " + o.connectMillis() + " ms");
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DeviceDisconnectedException("cannot reach device " + o.node() + " at " + o.host() + ":"
                    + o.port() + ": " + e.getMessage(), e);
        } catch (MalformedFrameException e) {
            closeQuietly(socket);
            throw new DeviceProtocolException("device " + o.node() + " answered hello with a malformed frame: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** A connection that has shaken hands, what the device declared, and when (System.nanoTime). */
    public record Handshaken(DeviceConnection connection, Message.Welcome welcome, long atNanos) {
    }

    /** Sends one frame whole. */
    public void send(Message m) throws IOException {
        byte[] frame = Codec.encode(m);
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    /**
     * Starts the reader thread: every frame goes to {@code frames}; at the end of the stream or on an error
     * {@code end} gets the cause (null for a clean end of stream), once.
     */
    public void startReading(Consumer<LineReader.Line> frames, Consumer<@Nullable IOException> end) {
        Thread t = new Thread(() -> {
            try {
                for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                    frames.accept(line);
                }
                end.accept(null);
            } catch (IOException e) {
                end.accept(e);
            }
        }, "qdevice-" + name);
        t.setDaemon(true);
        readerThread = t;
        t.start();
    }

    public String name() {
        return name;
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Whether the reader thread has ended (after close, soon). */
    public boolean readerEnded() {
        Thread t = readerThread;
        return t == null || !t.isAlive();
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }
}
