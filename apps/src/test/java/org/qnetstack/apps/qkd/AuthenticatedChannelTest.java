package org.qnetstack.apps.qkd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticatedChannelTest {
    private static final byte[] KEY = filled(32, 7);

    private AuthenticatedChannel alice;
    private AuthenticatedChannel bob;

    @BeforeEach
    void connect() {
        alice = new AuthenticatedChannel(KEY, "alice", "bob");
        bob = new AuthenticatedChannel(KEY, "bob", "alice");
    }

    @Test
    void deliversGenuineMessagesInOrderBothWays() {
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(bytes("a" + i), bob.open(alice.seal(bytes("a" + i))));
            assertArrayEquals(bytes("b" + i), alice.open(bob.seal(bytes("b" + i))));
        }
        assertEquals(3, bob.accepted());
        assertEquals(0, bob.rejected());
    }

    @Test
    void rejectsAReplayAndKeepsWorking() {
        SealedMessage first = alice.seal(bytes("sift: XZZX"));
        bob.open(first);
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> bob.open(first));
        assertEquals(AuthenticationException.Reason.REPLAYED, e.reason());
        assertEquals(0, e.sequence());
        assertEquals(1, e.expected());
        assertArrayEquals(bytes("next"), bob.open(alice.seal(bytes("next"))));
        assertEquals(1, bob.rejected());
    }

    @Test
    void rejectsForgeries() {
        SealedMessage genuine = alice.seal(bytes("parities: 0110"));
        byte[] tampered = genuine.payload();
        tampered[10] ^= 1;
        byte[] badTag = genuine.tag();
        badTag[0] ^= (byte) 0x80;
        SealedMessage[] forgeries = {
            new SealedMessage(0, tampered, genuine.tag()),
            new SealedMessage(0, genuine.payload(), badTag),
            new SealedMessage(1, genuine.payload(), genuine.tag()),
            new AuthenticatedChannel(filled(32, 8), "alice", "bob").seal(bytes("parities: 0110")),
            new SealedMessage(0, genuine.payload(), new byte[0]),
        };
        for (SealedMessage forgery : forgeries) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> bob.open(forgery));
            assertEquals(AuthenticationException.Reason.FORGED, e.reason(), forgery.toString());
        }
        assertArrayEquals(bytes("parities: 0110"), bob.open(genuine), "the genuine message still gets through");
        assertEquals(forgeries.length, bob.rejected());
    }

    @Test
    void rejectsAMessageReflectedToItsSenderOrRedirected() {
        SealedMessage toBob = alice.seal(bytes("hello"));
        assertEquals(AuthenticationException.Reason.FORGED,
                assertThrows(AuthenticationException.class, () -> alice.open(toBob)).reason());
        AuthenticatedChannel carolFromAlice = new AuthenticatedChannel(KEY, "carol", "alice");
        assertEquals(AuthenticationException.Reason.FORGED,
                assertThrows(AuthenticationException.class, () -> carolFromAlice.open(toBob)).reason());
    }

    @Test
    void rejectsReorderedMessages() {
        SealedMessage m0 = alice.seal(bytes("m0"));
        SealedMessage m1 = alice.seal(bytes("m1"));
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> bob.open(m1));
        assertEquals(AuthenticationException.Reason.OUT_OF_ORDER, e.reason());
        assertEquals(0, e.expected());
        assertArrayEquals(bytes("m0"), bob.open(m0));
        assertArrayEquals(bytes("m1"), bob.open(m1));
        assertEquals(AuthenticationException.Reason.REPLAYED,
                assertThrows(AuthenticationException.class, () -> bob.open(m0)).reason());
    }

    @Test
    void messagesAreImmutableValues() {
        byte[] payload = bytes("abc");
        SealedMessage m = alice.seal(payload);
        payload[0] = 'X';
        m.payload()[1] = 'Y';
        assertArrayEquals(bytes("abc"), bob.open(m));
        assertEquals(m, new SealedMessage(m.sequence(), m.payload(), m.tag()));
    }

    @Test
    void refusesWeakKeysAndIdenticalNames() {
        assertThrows(IllegalArgumentException.class, () -> new AuthenticatedChannel(filled(31, 1), "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> new AuthenticatedChannel(KEY, "a", "a"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(int length, int value) {
        byte[] key = new byte[length];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
