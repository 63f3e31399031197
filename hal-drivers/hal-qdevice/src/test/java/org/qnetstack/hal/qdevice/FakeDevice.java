package org.qnetstack.hal.qdevice;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.OperationDurations;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.hal.device.DeviceCapabilities;
import org.qnetstack.hal.device.PhotonicInterface;
import org.qnetstack.hal.qdevice.internal.LineReader;
import org.qnetstack.hal.qdevice.protocol.Codec;
import org.qnetstack.hal.qdevice.protocol.Message;
import org.qnetstack.hal.qdevice.protocol.WireProtocol;

/**
 * A device the test scripts frame by frame: it answers the first client's hello with {@code welcome} (or
 * whatever the test put in place of it), then hands every request to the test and sends whatever the
 * test writes, well-formed or not.
 */
final class FakeDevice implements AutoCloseable {
    static final DeviceCapabilities CAPABILITIES = new DeviceCapabilities("fake", "1", List.of(QubitRole.COMMUNICATION,
            QubitRole.STORAGE), List.of(new PhotonicInterface("l", 1000)), EnumSet.allOf(Gate.class),
            EnumSet.allOf(TwoQubitGate.class), new OperationDurations(10, 10, 10, 10, 10), true);

    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final String welcome;
    private volatile Socket client;

    FakeDevice() throws IOException {
        this(Codec.encodeLine(new Message.Welcome(WireProtocol.VERSION, CAPABILITIES, Message.Limits.DEFAULT, 0)));
    }

    /** A device that answers hello with this line. */
    FakeDevice(String welcomeLine) throws IOException {
        this.welcome = welcomeLine;
        Thread t = new Thread(this::serve, "fake-device");
        t.setDaemon(true);
        t.start();
    }

    URI uri(String extra) {
        return URI.create("qdevice:tcp://127.0.0.1:" + server.getLocalPort() + "?node=n" + extra);
    }

    private void serve() {
        try (Socket s = server.accept()) {
            client = s;
            LineReader in = new LineReader(s.getInputStream(), WireProtocol.MAX_FRAME_BYTES);
            boolean first = true;
            for (LineReader.Line line = in.next(); line != null; line = in.next()) {
                received.add(Codec.decode(line.text()));
                if (first) {
                    send(welcome);
                    first = false;
                }
            }
        } catch (Exception e) {
            // the test closed it
        }
    }

    /** The next frame the client sent (hello first), waiting at most two seconds. */
    Message next() throws InterruptedException {
        Message m = received.poll(2, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("the client sent nothing within 2 s");
        }
        return m;
    }

    /** The next request, skipping hello. */
    Message.Request nextRequest() throws InterruptedException {
        Message m = next();
        return m instanceof Message.Request r ? r : nextRequest();
    }

    void send(String line) throws IOException {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void send(Message m) throws IOException {
        sendBytes(Codec.encode(m));
    }

    void sendBytes(byte[] bytes) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Drops the connection, as a crashed device would. */
    void disconnect() throws IOException {
        client.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (client != null) {
            client.close();
        }
    }
}
