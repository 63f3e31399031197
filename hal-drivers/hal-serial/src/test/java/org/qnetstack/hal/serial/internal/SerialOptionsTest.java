package org.qnetstack.hal.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SerialOptionsTest {
    @Test
    void defaults() {
        SerialOptions o = SerialOptions.parse(URI.create("serial:/dev/ttyUSB0"));
        assertEquals(new SerialOptions("/dev/ttyUSB0", 115_200, Duration.ofMillis(1000), 1, Duration.ofMillis(2000),
                Duration.ofMillis(10_000), Duration.ofMillis(50)), o);
    }

    @Test
    void readsEveryParameter() {
        SerialOptions o = SerialOptions.parse(URI.create(
                "serial:/dev/ttyS1?baud=19200&timeout=250&retries=3&heartbeat=700&reconnect=1500&backoff=20"));
        assertEquals(new SerialOptions("/dev/ttyS1", 19_200, Duration.ofMillis(250), 3, Duration.ofMillis(700),
                Duration.ofMillis(1500), Duration.ofMillis(20)), o);
    }

    @Test
    void acceptsWindowsPortNames() {
        assertEquals("COM3", SerialOptions.parse(URI.create("serial:COM3?baud=9600")).port());
    }

    @Test
    void keepsPortPathsVerbatim() {
        assertEquals("/dev/serial/by-id/usb-FTDI+1", SerialOptions.parse(URI.create("serial:/dev/serial/by-id/usb-FTDI+1")).port());
        assertEquals("/tmp/a+b", SerialOptions.parse(URI.create("serial:/tmp/a+b?baud=9600&timeout=5")).port());
        assertEquals("COM+3", SerialOptions.parse(URI.create("serial:COM+3")).port());
        assertEquals("/tmp/with space/tty", SerialOptions.parse(URI.create("serial:/tmp/with%20space/tty")).port());
        assertEquals("/tmp/%", SerialOptions.parse(URI.create("serial:/tmp/%25")).port());
        assertEquals("/tmp/\u00e9", SerialOptions.parse(URI.create("serial:/tmp/%C3%A9")).port());
        assertEquals(250, SerialOptions.parse(URI.create("serial:/tmp/a+b?timeout=%32%350")).timeout().toMillis());
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertMessage("serial:/dev/x?baud=fast", "'baud'");
        assertMessage("serial:/dev/x?timout=5", "unknown parameter 'timout'");
        assertMessage("serial:/dev/x?timeout=0", "[1, 600000]");
        assertMessage("serial:/dev/x?retries", "has no value");
        assertMessage("serial:?baud=1", "names no port");
        assertMessage("serial://host/x", "not an authority");
        assertMessage("sim:x", "not a serial: URI");
    }

    private static void assertMessage(String uri, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SerialOptions.parse(URI.create(uri)));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
