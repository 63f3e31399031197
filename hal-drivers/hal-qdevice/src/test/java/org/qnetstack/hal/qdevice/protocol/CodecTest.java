package org.qnetstack.hal.qdevice.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.OperationDurations;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.hal.device.AttemptRunRequest;
import org.qnetstack.hal.device.DeviceCapabilities;
import org.qnetstack.hal.device.DeviceEvent;
import org.qnetstack.hal.device.DeviceException;
import org.qnetstack.hal.device.PhotonicInterface;

/** Every message survives encoding and decoding; frames that break the format are refused, naming the field. */
class CodecTest {
    private static final DeviceCapabilities DEVICE = new DeviceCapabilities("m", "v", List.of(QubitRole.COMMUNICATION,
            QubitRole.STORAGE), List.of(new PhotonicInterface("a-b", 11_205)), EnumSet.of(Gate.H, Gate.X),
            EnumSet.of(TwoQubitGate.CNOT), new OperationDurations(1, 2, 3, 4, 5), true);

    @Test
    void everyMessageRoundTrips() throws Exception {
        List<Message> all = List.of(
                new Message.Hello(List.of(1, 2), "alice"),
                new Message.Welcome(1, DEVICE, Message.Limits.DEFAULT, 123),
                new Message.Request(1, new Operation.Init(0)),
                new Message.Request(2, new Operation.ApplyGate(Gate.S_DAGGER, 1)),
                new Message.Request(3, new Operation.Rotate(Axis.Y, -0.25, 0)),
                new Message.Request(4, new Operation.ApplyTwoQubitGate(TwoQubitGate.CZ, 0, 1)),
                new Message.Request(5, new Operation.Measure(0, MeasurementAxis.of(1.0, 2.0))),
                new Message.Request(6, new Operation.Move(0, 1)),
                new Message.Request(7, new Operation.Discard(1)),
                new Message.Request(8, new Operation.Emit(0, "a-b", 99, 0.1)),
                new Message.Request(9, new Operation.StartRun(new AttemptRunRequest(0, "a-b", 10, 2, 0.5,
                        List.of(MeasurementAxis.X, MeasurementAxis.Z)))),
                new Message.Request(10, new Operation.StopRun(3, 40)),
                new Message.Request(WireProtocol.MAX_ID, new Operation.Ping()),
                new Message.Done(5, 3700, 1, 0),
                new Message.Done(9, 0, -1, 4),
                new Message.Error(6, DeviceException.ErrorCode.QUBIT_BUSY, "busy \"now\"\n", null),
                new Message.Error(0, DeviceException.ErrorCode.VERSION_MISMATCH, "no", List.of(1)),
                new Message.Event(new DeviceEvent.Herald("a-b", 12, 1, 4, MeasurementAxis.X, 0)),
                new Message.Event(new DeviceEvent.Herald("a-b", 12, 0, 0, null, -1)),
                new Message.Event(new DeviceEvent.Fault("laser out of lock")),
                new Message.Bye("done"));
        for (Message m : all) {
            String line = Codec.encodeLine(m);
            assertTrue(!line.contains("\n"), "one line: " + line);
            assertEquals(m, Codec.decode(line), line);
        }
    }

    private static String refusal(String line) {
        return assertThrows(MalformedFrameException.class, () -> Codec.decode(line), line).getMessage();
    }

    @Test
    void framesThatBreakTheFormatAreRefusedNamingTheField() {
        assertTrue(refusal("[1,2]").contains("must be a JSON object"));
        assertTrue(refusal("{\"type\":\"done\",\"id\":1,\"duration\":5} {}").contains("not a JSON object"));
        assertTrue(refusal("{\"type\":\"done\",\"id\":1,\"duration\":-5}").contains("frame.duration must be in"));
        assertTrue(refusal("{\"type\":\"done\",\"id\":1.5,\"duration\":5}").contains("frame.id must be an integer"));
        assertTrue(refusal("{\"type\":\"done\",\"id\":0,\"duration\":5}").contains("frame.id must be in [1,"));
        assertTrue(refusal("{\"type\":\"done\",\"id\":1,\"duration\":5,\"outcome\":2}").contains("frame.outcome"));
        assertTrue(refusal("{\"type\":\"request\",\"id\":1,\"op\":\"gate\",\"gate\":\"h\",\"qubit\":0}")
                .contains("frame.gate 'h' is not one of [X, Y, Z, H"));
        assertTrue(refusal("{\"type\":\"request\",\"id\":1,\"op\":\"teleport\"}").contains("frame.op 'teleport'"));
        assertTrue(refusal("{\"type\":\"request\",\"id\":1,\"op\":\"emit\",\"qubit\":0,\"link\":\"l\",\"slot\":1,"
                + "\"alpha\":0.9}").contains("frame.alpha must be in (0, 0.5]"));
        assertTrue(refusal("{\"type\":\"request\",\"id\":1,\"op\":\"rotate\",\"axis\":\"X\",\"angle\":\"1\","
                + "\"qubit\":0}").contains("frame.angle must be a finite number"));
        assertTrue(refusal("{\"type\":\"event\",\"event\":\"herald\",\"link\":\"l\",\"slot\":1,\"detector\":2,"
                + "\"run\":0}").contains("frame.detector must be in [0, 1]"));
        assertTrue(refusal("{\"type\":\"hello\",\"versions\":[],\"node\":\"a\"}").contains("at least one version"));
        assertTrue(refusal("").contains("empty") || refusal("").contains("JSON"));
    }
}
