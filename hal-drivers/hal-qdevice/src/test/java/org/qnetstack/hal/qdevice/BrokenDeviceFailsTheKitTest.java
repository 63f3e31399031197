package org.qnetstack.hal.qdevice;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.qnetstack.hal.tck.AsyncQuantumDeviceConformance;
import org.qnetstack.hal.tck.DeviceFixture;

/**
 * The kit must fail a device that breaks the contract, and say how: the Python stub with a fault switched on
 * stands for a broken device, and the kit's checks are called on it directly.
 */
class BrokenDeviceFailsTheKitTest {
    /** The kit over the stub with a fault, a short operation timeout so that lost replies fail fast. */
    private static AsyncQuantumDeviceConformance kitOver(String fault) {
        return new AsyncQuantumDeviceConformance() {
            @Override
            protected DeviceFixture open() {
                PythonStub stub = PythonStub.start(fault);
                return new DriverFixture(stub, List.of(stub.uri("a", "&timeoutMs=300")));
            }
        };
    }

    private static void failsSaying(Executable check, String... words) {
        AssertionError e = assertThrows(AssertionError.class, check, "the kit must fail the broken device");
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "the kit's message must say '" + w + "': " + e.getMessage());
        }
    }

    @Test
    void wrongDurationsAreNamed() {
        failsSaying(kitOver("wrong-durations")::operationsTakeTheirDeclaredDurations,
                "initialize(0) reported 1700 ns, the device declared 1000 ns");
    }

    @Test
    void repliesUnderUnknownIdsAreCountedAndTheOperationFails() {
        failsSaying(kitOver("unknown-ids")::zeroMeasuresZeroAndPlusMeasuresPlus, "DeviceTimeoutException",
                "unknownIds=1", "a reply to an unknown id: a reply to request 1003, which was never sent");
    }

    @Test
    void outcomesThatAreNotBitsAreRefused() {
        failsSaying(kitOver("bad-outcomes")::zeroMeasuresZeroAndPlusMeasuresPlus, "measure(0, Z)",
                "malformed=1", "frame.outcome must be in [0, 1] (was 2)");
    }
}
