package org.qnetstack.hal.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScpiTest {
    @Test
    void splitsUnitsOutsideQuotes() {
        assertEquals(List.of("1,2,3", "0,\"a;b\""), Scpi.units("1,2,3;0,\"a;b\""));
        assertEquals(List.of("x"), Scpi.units("x"));
    }

    @Test
    void readsErrorEntries() {
        assertEquals(Optional.of(new Scpi.Error(-222, "Data out of range")), Scpi.parseError("-222,\"Data out of range\""));
        assertEquals(Optional.of(new Scpi.Error(0, "No error")), Scpi.parseError("+0,\"No error\""));
        assertEquals(Optional.of(new Scpi.Error(5, "say \"hi\"")), Scpi.parseError("5,\"say \"\"hi\"\"\""));
        assertTrue(Scpi.parseError("1").isEmpty());
        assertTrue(Scpi.parseError("-222,Data out of range").isEmpty());
    }

    @Test
    void formatsWhatItReads() {
        Scpi.Error e = new Scpi.Error(-113, "Undefined \"header\"");
        assertEquals(Optional.of(e), Scpi.parseError(e.format()));
    }
}
