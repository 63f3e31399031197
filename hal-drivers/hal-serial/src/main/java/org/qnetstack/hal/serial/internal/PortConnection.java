package org.qnetstack.hal.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import com.fazecast.jSerialComm.SerialPortTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One opening of the serial port, with its own reader thread. The reader only reads: it cuts the bytes
 * into lines and hands each, or the loss of the port, to the owner. A new connection is made for every
 * (re)opening, so lines still in flight from a closed one can be recognised as stale and ignored.
 */
final class PortConnection implements AutoCloseable {
    /** How often the reader wakes when the line is idle, to notice closing and unfinished lines. */
    private static final int READ_POLL_MS = 50;

    /** What the reader reports. */
    interface Listener {
        void line(PortConnection from, LineAssembler.Line line);

        void lost(PortConnection from, String why);
    }

    private final SerialPort port;
    private final InputStream in;
    private final OutputStream out;
    private final Thread reader;
    private final long partialTimeoutNanos;
    private volatile boolean open = true;

    private PortConnection(SerialPort port, SerialOptions options, Listener listener, String name) {
        this.port = port;
        this.in = port.getInputStream();
        this.out = port.getOutputStream();
        this.partialTimeoutNanos = options.timeout().toNanos();
        this.reader = new Thread(() -> read(listener), "qnetstack-serial-rx-" + name);
        this.reader.setDaemon(true);
    }

    /** Opens the port or throws {@link IOException} saying why not. */
    static PortConnection open(SerialOptions options, Listener listener, String name) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(options.port());
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port " + options.port(), e);
        }
        port.setComPortParameters(options.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_POLL_MS, (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
        // On a pseudo-terminal openPort() records errno 25 (no modem lines) yet succeeds: trust its result only.
        if (!port.openPort()) {
            throw new IOException("cannot open " + options.port() + " (error " + port.getLastErrorCode() + " at "
                    + port.getLastErrorLocation() + "; is it in use?)");
        }
        PortConnection c = new PortConnection(port, options, listener, name);
        c.reader.start();
        return c;
    }

    void write(String line) throws IOException {
        if (!open) {
            throw new IOException("connection closed");
        }
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void read(Listener listener) {
        LineAssembler lines = new LineAssembler(Scpi.MAX_LINE, l -> listener.line(this, l));
        byte[] buffer = new byte[4096];
        long lastByte = System.nanoTime();
        while (open) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SerialPortTimeoutException idle) {
                n = 0;
            } catch (IOException e) {
                if (open) {
                    listener.lost(this, "read failed: " + e.getMessage());
                }
                return;
            }
            if (n < 0) {
                if (open) {
                    listener.lost(this, "the port closed (device unplugged or gone)");
                }
                return;
            }
            long now = System.nanoTime();
            // A line whose end has not come within the timeout will not be finished: the device restarted or
            // bytes were lost. Throw it away rather than glue it to whatever comes next.
            if (lines.hasPartial() && now - lastByte > partialTimeoutNanos) {
                listener.line(this, new LineAssembler.Line(lines.dropPartial() + " (unfinished)", false));
            }
            if (n > 0) {
                lastByte = now;
                lines.feed(buffer, 0, n);
            }
        }
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        port.closePort();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
