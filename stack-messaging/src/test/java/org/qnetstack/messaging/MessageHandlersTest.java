package org.qnetstack.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dispatch by a payload's exact class; everything else is rejected, counted and handed to the fallback. */
class MessageHandlersTest {
    record Ping(long id) {
    }

    record Pong(long id) {
    }

    record Other(String text) {
    }

    private final List<String> seen = new ArrayList<>();

    private MessageHandlers handlers() {
        return MessageHandlers.builder()
                .on(Ping.class, (ping, from) -> seen.add("ping " + ping.id() + " from " + from))
                .on(Pong.class, pong -> seen.add("pong " + pong.id()))
                .otherwise(e -> seen.add("rejected " + e.payload() + " from " + e.from()))
                .build();
    }

    private static Envelope from(String sender, Object payload) {
        return new Envelope(sender, "b", "p", payload);
    }

    @Test
    void eachMessageGoesToTheHandlerOfItsClassWithItsSender() {
        MessageHandlers h = handlers();
        h.accept(from("a", new Ping(1)));
        h.accept(from("c", new Pong(2)));
        h.accept(from("a", new Ping(3)));
        assertEquals(List.of("ping 1 from a", "pong 2", "ping 3 from a"), seen);
        assertEquals(0, h.rejected());
        assertTrue(h.handles(Ping.class));
        assertFalse(h.handles(Other.class));
    }

    @Test
    void aPayloadOfAnyOtherClassIsRejectedCountedAndTheNextOneServed() {
        MessageHandlers h = handlers();
        h.accept(from("x", new Other("junk")));
        h.accept(from("x", "a string"));
        h.accept(from("x", 42));
        h.accept(from("a", new Ping(4)));
        assertEquals(3, h.rejected());
        assertEquals(List.of("rejected Other[text=junk] from x", "rejected a string from x", "rejected 42 from x",
                "ping 4 from a"), seen);
    }

    @Test
    void withoutAFallbackAnUnknownMessageIsStillCounted() {
        MessageHandlers h = MessageHandlers.builder().on(Ping.class, ping -> seen.add("ping")).build();
        h.accept(from("x", new Pong(1)));
        assertEquals(1, h.rejected());
        assertTrue(seen.isEmpty());
    }

    @Test
    void aClassHasOneHandlerAndOnlyConcreteClassesCanHaveOne() {
        MessageHandlers.Builder b = MessageHandlers.builder().on(Ping.class, ping -> { });
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> b.on(Ping.class, (ping, from) -> { }));
        assertTrue(twice.getMessage().contains(Ping.class.getName()), twice.getMessage());
        IllegalArgumentException iface = assertThrows(IllegalArgumentException.class,
                () -> b.on(Runnable.class, r -> { }));
        assertTrue(iface.getMessage().contains("exact class"), iface.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.on(Number.class, n -> { }));
    }
}
