package org.qnetstack.hal.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.serial.ChannelSettings;
import org.qnetstack.hal.serial.Edge;
import org.qnetstack.hal.serial.internal.DeviceSettings.Change;
import org.qnetstack.hal.serial.internal.DeviceSettings.Kind;

/** The recovery rules: only the user's choices are ever restored, and only where the device lost them. */
class DeviceSettingsTest {
    private final DeviceSettings settings = new DeviceSettings(4);

    private void deviceHolds(long window, String... delays) {
        settings.learnedWindow(List.of(Long.toString(window)));
        for (int ch = 0; ch < 4; ch++) {
            settings.learnedChannel(ch, List.of("0.1000", delays[ch], "RIS"));
        }
    }

    @Test
    void aSettingTheUserNeverChangedIsNeverRestored() {
        deviceHolds(1000, "0", "0", "0", "42");  // INP4:DEL 42 set on the device's front panel
        settings.written(Kind.THRESHOLD, 1, "0.3000", true);
        deviceHolds(1000, "0", "0", "0", "0");   // the device restarted: defaults everywhere
        assertEquals(List.of(new Change(Kind.THRESHOLD, 1, "0.3000")), settings.toRestore());
        assertEquals(new ChannelSettings(0.1, 0, Edge.RISING), settings.channel(3), "the device's value is believed");
    }

    @Test
    void nothingIsRestoredThatTheDeviceStillHolds() {
        deviceHolds(1000, "0", "0", "0", "0");
        settings.written(Kind.DELAY, 2, "250", true);
        settings.windowWritten(4000, true);
        settings.learnedChannel(2, List.of("0.1000", "250", "RIS")); // a reconnection without restart
        settings.learnedWindow(List.of("4000"));
        assertEquals(List.of(), settings.toRestore());
        settings.learnedWindow(List.of("1000"));
        assertEquals(List.of(new Change(null, -1, "4000")), settings.toRestore());
    }

    @Test
    void aRepairWriteIsNotAUsersChoice() {
        deviceHolds(1000, "0", "0", "0", "0");
        settings.written(Kind.DELAY, 0, "0", false);
        deviceHolds(1000, "5", "0", "0", "0");
        assertEquals(List.of(), settings.toRestore());
    }

    @Test
    void aResetForgetsTheUsersChoices() {
        deviceHolds(1000, "0", "0", "0", "0");
        settings.written(Kind.EDGE, 0, "FALL", true);
        settings.forgetChoices();
        deviceHolds(1000, "0", "0", "0", "0");
        assertEquals(List.of(), settings.toRestore());
    }

    @Test
    void aWriteReadsTheSettingBackOnEveryInput() {
        deviceHolds(1000, "0", "7", "0", "0");
        Request r = settings.write(Kind.DELAY, 3, "8", Set.of());
        assertEquals("*CLS;INP4:DEL 8;INP1:DEL?;INP2:DEL?;INP3:DEL?;INP4:DEL?;SYST:ERR?", r.wire());
        assertEquals(List.of("0", "7", "0", "8"), r.expected());
    }

    @Test
    void malformedValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> settings.learnedChannel(0, List.of("x", "0", "RIS")));
        assertThrows(IllegalArgumentException.class, () -> settings.learnedChannel(0, List.of("0.1", "0", "UP")));
        assertThrows(IllegalArgumentException.class, () -> settings.learnedWindow(List.of("1e3")));
    }
}
