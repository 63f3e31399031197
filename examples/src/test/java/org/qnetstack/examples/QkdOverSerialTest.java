package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.qnetstack.hal.serial.emulator.PtyBridge;

/**
 * QKD whose station hears its photons through the serial driver, over a real pseudo-terminal made by
 * socat, from the device emulator the simulation feeds. The simulation waits for the device's report of
 * each herald, so timing cannot change a figure: the run equals the all-simulated one with the same seed
 * exactly (tolerance 0), but for the wall-clock time.
 */
class QkdOverSerialTest {
    @Test
    void serialDetectorsGiveIdenticalKeysAndTheSameFiguresAsSimulatedOnes() {
        assumeTrue(PtyBridge.socatAvailableOrFailOnCi(), PtyBridge.SOCAT_MISSING);
        QkdExample.Result ideal = QkdExample.run(new ExampleOptions(8L, ExamplesAcceptanceTest.ideal(), false, 8000,
                Double.NaN, true));
        assertTrue(ideal.keysIdentical(), ideal.abortReason());
        assertEquals(0, ideal.siftedErrors());

        QkdExample.Result simulated = QkdExample.run(new ExampleOptions(9L, null, false, 60, Double.NaN, false));
        QkdExample.Result serial = QkdExample.run(new ExampleOptions(9L, null, false, 60, Double.NaN, true));
        assertEquals(withoutWallTime(simulated), withoutWallTime(serial));
    }

    private static String withoutWallTime(QkdExample.Result r) {
        return Report.toJson(r).replaceAll("\"wallSeconds\":[0-9.eE-]+", "");
    }
}
