package org.qnetstack.hal.qdevice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.device.AttemptRunRequest;
import org.qnetstack.hal.device.DeviceDisconnectedException;
import org.qnetstack.hal.device.DeviceEvent;
import org.qnetstack.hal.device.DeviceException;
import org.qnetstack.hal.device.DeviceProtocolException;
import org.qnetstack.hal.device.DeviceTimeoutException;
import org.qnetstack.hal.device.QubitBusyException;
import org.qnetstack.hal.qdevice.protocol.Message;
import org.qnetstack.hal.qdevice.protocol.Operation;
import org.qnetstack.hal.realtime.NodeEventLoop;

/**
 * Bad input from a device, frame by frame: each kind is refused and counted, the connection keeps serving
 * (or, for a silent or vanished device, fails what is in flight with a typed error), and nothing is left
 * allocated.
 */
class DriverRefusalsTest {
    private final NodeEventLoop loop = NodeEventLoop.start("node");
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private FakeDevice device;
    private QDeviceDriver driver;

    @AfterEach
    void release() throws Exception {
        if (driver != null) {
            driver.close();
            assertTrue(waitFor(driver::isReleased), "socket, reader thread, timers and in-flight map released");
        }
        if (device != null) {
            device.close();
        }
        loop.close();
    }

    private void connect(String extra) throws Exception {
        device = new FakeDevice();
        driver = QDeviceDriver.open(device.uri(extra), loop);
        driver.addListener(events::add);
        assertInstanceOf(Message.Hello.class, device.next());
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return condition.getAsBoolean();
    }

    private static <T> T value(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(3, TimeUnit.SECONDS);
    }

    private static DeviceException failure(CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(3, TimeUnit.SECONDS));
        return assertInstanceOf(DeviceException.class, e.getCause());
    }

    private static Message.Done done(long id) {
        return new Message.Done(id, 10, -1, 0);
    }

    @Test
    void malformedAndOversizeFramesAreRefusedAndTheConnectionKeepsServing() throws Exception {
        connect("");
        var init = driver.initialize(0);
        long id = device.nextRequest().id();
        device.send("this is not json");
        device.send("{\"type\":\"done\",\"id\":" + id + "}"); // no duration
        device.send("{\"type\":\"done\",\"id\":" + id + ",\"duration\":10,\"id\":" + id + "}"); // a key twice
        device.send("{\"type\":\"launch\"}");
        device.sendBytes(new byte[] {(byte) 0xC3, 0x28, '\n'}); // not UTF-8
        device.sendBytes(("{\"pad\":\"" + "x".repeat(70_000) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        device.send(done(id));
        assertEquals(10, value(init).durationNanos(), "the valid reply after the bad ones completes the operation");
        QDeviceCounters c = driver.counters();
        assertEquals(5, c.malformed(), "malformed frames counted: " + c);
        assertEquals(1, c.oversize(), "oversize frames counted: " + c);
        assertEquals(0, c.inFlight());
        assertTrue(driver.isConnected());
    }

    @Test
    void unknownDuplicateAndUnexpectedRepliesAreRefused() throws Exception {
        connect("");
        var gate = driver.apply(Gate.H, 0);
        long id = device.nextRequest().id();
        device.send(done(id + 50)); // an id never sent
        device.send(done(id));
        device.send(done(id)); // a second reply
        device.send(new Message.Hello(List.of(1), "x")); // a client's message
        assertEquals(10, value(gate).durationNanos());
        assertTrue(waitFor(() -> driver.counters().unexpected() == 1));
        QDeviceCounters c = driver.counters();
        assertEquals(1, c.unknownIds(), c.toString());
        assertEquals(1, c.duplicates(), c.toString());
        assertTrue(driver.isConnected());
    }

    @Test
    void repliesThatDoNotFitTheirRequestFailItWithAProtocolError() throws Exception {
        connect("&maxDurationMs=1");
        var measure = driver.measure(0, MeasurementAxis.Z);
        device.send(done(device.nextRequest().id())); // no outcome
        assertTrue(failure(measure).getMessage().contains("a measurement's reply without an outcome"));
        var gate = driver.apply(Gate.X, 0);
        device.send(new Message.Done(device.nextRequest().id(), 5_000_000, -1, 0)); // 5 ms, bound 1 ms
        DeviceException tooLong = failure(gate);
        assertInstanceOf(DeviceProtocolException.class, tooLong);
        assertTrue(tooLong.getMessage().contains("over the bound of 1000000 ns"), tooLong.getMessage());
        var start = driver.startAttempts(new AttemptRunRequest(0, "l", 5, 1, 0.1, List.of()));
        device.send(new Message.Done(device.nextRequest().id(), 0, 1, 0)); // an outcome, no run id
        assertInstanceOf(DeviceProtocolException.class, failure(start));
        assertEquals(3, driver.counters().invalidReplies());
        var init = driver.initialize(0);
        device.send(done(device.nextRequest().id()));
        assertEquals(10, value(init).durationNanos(), "the connection still serves");
    }

    @Test
    void heraldsForNoAttemptAreRefusedAndTheRestDelivered() throws Exception {
        connect("");
        device.send(new Message.Event(new DeviceEvent.Herald("other-link", 3, 0, 0, null, -1)));
        device.send(new Message.Event(new DeviceEvent.Herald("l", 3, 0, 0, null, -1))); // nothing emitted
        device.send(new Message.Event(new DeviceEvent.Herald("l", 3, 0, 42, null, -1))); // no run 42
        var emit = driver.emit(0, "l", 7, 0.1);
        device.send(done(device.nextRequest().id()));
        value(emit);
        device.send(new Message.Event(new DeviceEvent.Herald("l", 7, 1, 0, null, -1)));
        device.send(new Message.Event(new DeviceEvent.Herald("l", 7, 1, 0, null, -1))); // heralded already
        assertTrue(waitFor(() -> events.size() == 1 && driver.counters().invalidEvents() == 4),
                "one herald delivered, four refused: " + events + " " + driver.counters());
        assertEquals(new DeviceEvent.Herald("l", 7, 1, 0, null, -1), events.get(0));
    }

    @Test
    void aSilentDeviceIsPingedThenGivenUpAndWhatIsInFlightFails() throws Exception {
        connect("&keepAliveMs=40&silenceMs=200");
        var init = driver.initialize(0);
        // The init and the first ping, in either order (the ping may go first on a slow machine).
        var ops = java.util.Set.of(device.nextRequest().op().getClass(), device.nextRequest().op().getClass());
        assertEquals(java.util.Set.of(Operation.Init.class, Operation.Ping.class), ops, "a quiet device is pinged");
        DeviceException e = failure(init);
        assertInstanceOf(DeviceTimeoutException.class, e);
        assertTrue(e.getMessage().contains("silent"), e.getMessage());
        assertTrue(waitFor(driver::isReleased), "given up: everything released");
        assertTrue(waitFor(() -> events.stream().anyMatch(x -> x instanceof DeviceEvent.Disconnected)));
        assertInstanceOf(DeviceDisconnectedException.class, failure(driver.initialize(0)));
    }

    @Test
    void anOperationWithoutReplyTimesOutAndItsLateReplyIsRefused() throws Exception {
        connect("&timeoutMs=100");
        var init = driver.initialize(0);
        long id = device.nextRequest().id();
        assertInstanceOf(DeviceTimeoutException.class, failure(init));
        device.send(done(id));
        assertTrue(waitFor(() -> driver.counters().duplicates() == 1), driver.counters().toString());
        assertEquals(1, driver.counters().timeouts());
        var again = driver.initialize(0);
        device.send(done(device.nextRequest().id()));
        value(again);
    }

    @Test
    void aVanishedDeviceFailsWhatIsInFlightAndReleasesEverything() throws Exception {
        connect("");
        var init = driver.initialize(0);
        device.nextRequest();
        device.disconnect();
        assertInstanceOf(DeviceDisconnectedException.class, failure(init));
        assertTrue(waitFor(driver::isReleased));
    }

    @Test
    void deviceErrorsAreTyped() throws Exception {
        connect("");
        var init = driver.initialize(1);
        device.send(new Message.Error(device.nextRequest().id(), DeviceException.ErrorCode.QUBIT_BUSY, "busy", null));
        assertInstanceOf(QubitBusyException.class, failure(init));
    }

    @Test
    void aWelcomeInAVersionNotOfferedIsAMismatch() throws Exception {
        device = new FakeDevice("{\"type\":\"welcome\",\"version\":2,\"device\":{},\"limits\":{},\"time\":0}");
        DeviceException e = assertThrows(DeviceException.class, () -> QDeviceDriver.open(device.uri(""), loop));
        assertInstanceOf(DeviceProtocolException.class, e, "a malformed welcome: " + e.getMessage());
        try (FakeDevice refusing = new FakeDevice("{\"type\":\"error\",\"id\":0,\"code\":\"VERSION_MISMATCH\","
                + "\"message\":\"no\",\"versions\":[2]}")) {
            DeviceProtocolException m = assertThrows(DeviceProtocolException.class,
                    () -> QDeviceDriver.open(refusing.uri(""), loop));
            assertEquals(DeviceException.ErrorCode.VERSION_MISMATCH, m.code());
            assertTrue(m.getMessage().contains("it speaks versions [2]"), m.getMessage());
        }
    }

    @Test
    void badUrisNameTheirField() {
        assertEquals("uri.node", assertThrows(ConfigurationException.class,
                () -> QDeviceDriver.open(java.net.URI.create("qdevice:tcp://127.0.0.1:9"), loop)).path());
        assertEquals("uri.silenceMs", assertThrows(ConfigurationException.class, () -> QDeviceDriver.open(
                java.net.URI.create("qdevice:tcp://127.0.0.1:9?node=a&keepAliveMs=500&silenceMs=100"), loop)).path());
        assertEquals("uri.colour", assertThrows(ConfigurationException.class, () -> QDeviceDriver.open(
                java.net.URI.create("qdevice:tcp://127.0.0.1:9?node=a&colour=red"), loop)).path());
        assertInstanceOf(DeviceDisconnectedException.class, assertThrows(DeviceException.class,
                () -> QDeviceDriver.open(java.net.URI.create("qdevice:tcp://127.0.0.1:1?node=a"), loop)));
    }

    @Test
    void requestsCheckedBeforeTheyGo() throws Exception {
        connect("");
        assertEquals("INVALID_QUBIT", failure(driver.initialize(2)).code().name());
        assertEquals("INVALID_QUBIT", failure(driver.emit(1, "l", 0, 0.1)).code().name());
        assertEquals("INVALID_ARGUMENT", failure(driver.emit(0, "nowhere", 0, 0.1)).code().name());
        CompletableFuture<?> none = driver.rotate(org.qnetstack.hal.Axis.X, Double.NaN, 0).toCompletableFuture();
        assertEquals("INVALID_ARGUMENT", failure(none).code().name());
        assertEquals(0, driver.counters().inFlight(), "nothing was sent");
    }
}
