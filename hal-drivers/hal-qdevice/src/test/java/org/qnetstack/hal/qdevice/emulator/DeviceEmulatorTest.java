package org.qnetstack.hal.qdevice.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.device.DeviceDisconnectedException;
import org.qnetstack.hal.device.DeviceException;
import org.qnetstack.hal.device.InvalidRequestException;
import org.qnetstack.hal.qdevice.QDeviceDriver;
import org.qnetstack.hal.qdevice.protocol.Codec;
import org.qnetstack.hal.qdevice.protocol.Message;
import org.qnetstack.hal.realtime.NodeEventLoop;

/** The emulator's own behaviour: bad clients, one connection per node, shutting down, its command. */
class DeviceEmulatorTest {
    @Test
    void aClientsBadFramesAreRefusedAndItKeepsServing() throws Exception {
        try (DeviceEmulator e = EmulatorConformanceTest.emulator();
             Socket s = new Socket("127.0.0.1", e.port())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write("{\"type\":\"hello\",\"versions\":[1],\"node\":\"alice\"}\n".getBytes(StandardCharsets.UTF_8));
            assertInstanceOf(Message.Welcome.class, Codec.decode(in.readLine()));
            out.write("garbage\n{\"type\":\"request\",\"id\":1,\"op\":\"init\"}\n".getBytes(StandardCharsets.UTF_8));
            out.write("{\"type\":\"request\",\"id\":2,\"op\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(new Message.Done(2, 0, -1, 0), Codec.decode(in.readLine()));
            out.write("{\"type\":\"request\",\"id\":2,\"op\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));
            Message reused = Codec.decode(in.readLine());
            assertEquals(DeviceException.ErrorCode.PROTOCOL_VIOLATION, ((Message.Error) reused).code(),
                    "a reused id is refused: " + reused);
            assertEquals(3, e.refused(), "two malformed frames and a reused id");
        }
    }

    @Test
    void aNodeTakesOneConnectionAtATimeAndCanReconnect() throws Exception {
        try (DeviceEmulator e = EmulatorConformanceTest.emulator(); NodeEventLoop loop = NodeEventLoop.start("n")) {
            AsyncQuantumDevice first = Drivers.openQuantumDevice(e.uri("alice"), loop);
            DeviceException twice = assertThrows(DeviceException.class, () -> Drivers.openQuantumDevice(e.uri("alice"),
                    loop));
            assertInstanceOf(InvalidRequestException.class, twice);
            assertTrue(twice.getMessage().contains("connected already"), twice.getMessage());
            assertInstanceOf(InvalidRequestException.class, assertThrows(DeviceException.class,
                    () -> Drivers.openQuantumDevice(e.uri("mallory"), loop)));
            first.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (e.openConnections() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            try (AsyncQuantumDevice again = Drivers.openQuantumDevice(e.uri("alice"), loop)) {
                assertEquals(0, again.initialize(0).thenCompose(c -> again.measure(0, MeasurementAxis.Z))
                        .toCompletableFuture().get(3, TimeUnit.SECONDS).outcome());
            }
        }
    }

    @Test
    void shuttingDownFailsTheClientsOperationsAndReleasesThem() throws Exception {
        try (NodeEventLoop loop = NodeEventLoop.start("n")) {
            DeviceEmulator e = EmulatorConformanceTest.emulator();
            QDeviceDriver d = (QDeviceDriver) Drivers.openQuantumDevice(e.uri("bob"), loop);
            e.close();
            var after = d.initialize(0).toCompletableFuture();
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> after.get(3,
                    TimeUnit.SECONDS));
            assertInstanceOf(DeviceDisconnectedException.class, failure.getCause());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (!d.isReleased() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            assertTrue(d.isReleased());
        }
    }

    @Test
    void theCommandServesAChainAndRefusesBadArguments() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (DeviceEmulator e = EmulatorMain.start(new String[] {"--nodes", "a,b,c", "--port", "0", "--serve", "a,c"},
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("a: qdevice:tcp://127.0.0.1:" + e.port() + "?node=a"), text);
            assertEquals(Set.of("a", "c"), e.servedNodes());
        }
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--nodes", "a,a"},
                System.out));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--nodes", "a",
                "--device", "nope"}, System.out));
        assertThrows(IllegalArgumentException.class, () -> DeviceEmulator.start(new EmulatorMain.Options().spec(),
                new InetSocketAddress(0), Set.of()));
    }
}
