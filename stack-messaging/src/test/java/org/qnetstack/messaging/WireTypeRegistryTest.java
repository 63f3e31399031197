package org.qnetstack.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Providers merge into one registry; a name or a class claimed twice is an error that names both claimants. */
class WireTypeRegistryTest {
    record Ping(long id) {
    }

    record Pong(long id) {
    }

    /** Listed in this module's test META-INF/services, so {@link WireTypeRegistry#load()} finds it. */
    public static final class Pings implements WireTypeProvider {
        @Override
        public Map<String, Class<?>> wireTypes() {
            return Map.of("test.ping", Ping.class, "test.pong", Pong.class);
        }
    }

    private static WireTypeProvider provider(Map<String, Class<?>> types) {
        return () -> types;
    }

    @Test
    void loadFindsTheProvidersListedForServiceLoader() {
        WireTypeRegistry registry = WireTypeRegistry.load();
        assertEquals(Map.of("test.ping", Ping.class, "test.pong", Pong.class), registry.byName());
        assertEquals("test.pong", registry.nameOf(Pong.class));
        assertEquals(Ping.class, registry.classOf("test.ping"));
        assertNull(registry.classOf("test.pang"));
        assertNull(registry.nameOf(String.class));
    }

    @Test
    void providersMergeSortedByNameAndUnmodifiable() {
        WireTypeRegistry registry = WireTypeRegistry.of(List.of(provider(Map.of("b.one", Pong.class)),
                provider(Map.of("a.one", Ping.class))));
        assertEquals(List.of("a.one", "b.one"), List.copyOf(registry.byName().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> registry.byName().put("c", String.class));
    }

    @Test
    void aNameClaimedTwiceIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WireTypeRegistry.of(List.of(
                new Pings(), provider(Map.of("test.ping", String.class)))));
        assertTrue(e.getMessage().contains("'test.ping' is claimed by " + Pings.class.getName()), e.getMessage());
    }

    @Test
    void aClassUnderTwoNamesIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WireTypeRegistry.of(List.of(
                new Pings(), provider(Map.of("other.ping", Ping.class)))));
        assertTrue(e.getMessage().contains(Ping.class.getName() + " is named both 'test.ping'"), e.getMessage());
        IllegalStateException within = assertThrows(IllegalStateException.class, () -> WireTypeRegistry.of(List.of(
                provider(Map.of("x.a", Ping.class, "x.b", Ping.class)))));
        assertTrue(within.getMessage().contains("is named both"), within.getMessage());
    }

    @Test
    void aBlankNameIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WireTypeRegistry.of(List.of(provider(Map.of(" ", Ping.class)))));
        assertTrue(e.getMessage().contains("blank"), e.getMessage());
    }
}
