package org.qnetstack.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a stranger who does not speak the protocol can put on a port: bytes on a plain socket, bypassing
 * every check a {@code TcpClassicalNetwork} makes when sending. Frames are a 4-byte big-endian length, a
 * type byte and a body (see the TCP module's wire format).
 */
final class RawFrames {
    /** Frame types of the TCP handshake and data frames. */
    static final byte HELLO = 1;
    static final byte DATA = 5;

    private RawFrames() {
    }

    /** A frame with the given type and body, correctly length-prefixed. */
    static byte[] frame(byte type, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + 1 + b.length).putInt(1 + b.length).put(type).put(b).array();
    }

    /** A length prefix announcing {@code length} bytes, then a few bytes of what would be the frame. */
    static byte[] announcing(long length) {
        return ByteBuffer.allocate(4 + 3).putInt((int) length).put(HELLO).put((byte) '{').put((byte) '"').array();
    }

    /** Opens a connection to the port and writes the bytes; the caller closes it (or waits for the far end to). */
    static Socket open(int port, byte[] bytes) {
        try {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setSoTimeout((int) LiveDeployment.WAIT.toMillis());
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the bytes and asserts that the listener hangs up without a word. */
    static void assertRefused(int port, byte[] bytes) {
        try (Socket s = open(port, bytes)) {
            assertClosedByPeer(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that the far end closes the connection (an orderly close or a reset) without sending anything. */
    static void assertClosedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "the listener must close the connection without answering");
        } catch (SocketException reset) {
            // a reset: the far end closed while our bytes were still unread, which is a refusal too
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
