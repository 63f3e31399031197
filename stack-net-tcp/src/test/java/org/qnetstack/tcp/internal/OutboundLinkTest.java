package org.qnetstack.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboundLinkTest {
    @Test
    void backoffDoublesFromTheInitialWaitAndStopsAtTheMaximum() {
        Duration initial = Duration.ofMillis(10);
        Duration max = Duration.ofMillis(100);
        assertEquals(10_000_000, OutboundLink.backoffNanos(initial, max, 0));
        assertEquals(20_000_000, OutboundLink.backoffNanos(initial, max, 1));
        assertEquals(80_000_000, OutboundLink.backoffNanos(initial, max, 3));
        assertEquals(100_000_000, OutboundLink.backoffNanos(initial, max, 4));
        assertEquals(100_000_000, OutboundLink.backoffNanos(initial, max, Integer.MAX_VALUE));
    }
}
