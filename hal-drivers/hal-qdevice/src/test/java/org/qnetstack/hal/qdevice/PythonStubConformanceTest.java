package org.qnetstack.hal.qdevice;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.realtime.NodeEventLoop;
import org.qnetstack.hal.tck.AsyncQuantumDeviceConformance;
import org.qnetstack.hal.tck.DeviceFixture;

/**
 * A device written in another language under the kit: the Python stub (ideal qubits on a state vector, two
 * nodes a and b on one link; see its docstring), reached by the TCP driver. It shows that the protocol
 * document is enough to write a device that keeps the contract. One stub process serves the whole class
 * (starting Python costs more than the tests): each test connects afresh, and the stub frees a node's qubits
 * and runs when its connection ends.
 */
class PythonStubConformanceTest extends AsyncQuantumDeviceConformance {
    private static PythonStub stub;

    private static synchronized PythonStub stub() {
        if (stub == null) {
            stub = PythonStub.start("none");
        }
        return stub;
    }

    @AfterAll
    static synchronized void stopStub() {
        if (stub != null) {
            stub.close();
            stub = null;
        }
    }

    @Override
    protected DeviceFixture open() {
        return new DriverFixture(() -> { }, List.of(stub().uri("a", "")));
    }

    @Override
    protected DeviceFixture openPair() {
        return new DriverFixture(() -> { }, List.of(stub().uri("a", ""), stub().uri("b", "")));
    }

    @Override
    protected Runnable openWithUnsupportedVersion() {
        return () -> {
            try (NodeEventLoop loop = NodeEventLoop.start("node")) {
                Drivers.openQuantumDevice(stub().uri("a", "&versions=7"), loop).close();
            }
        };
    }
}
