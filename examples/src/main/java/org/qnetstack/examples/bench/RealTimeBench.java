package org.qnetstack.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.qdevice.emulator.DeviceEmulator;
import org.qnetstack.hal.realtime.LatencyHistogram;
import org.qnetstack.hal.realtime.LatencySummary;
import org.qnetstack.hal.realtime.NodeEventLoop;

/**
 * Scenario {@code realtime}: the two figures a real-time node lives by.
 * <ul>
 *   <li>The event loop's lateness (start − due of every timer) under a load of protocol-like timers: 100 chains,
 *       each a timer that does a little work and schedules its successor one period later at an absolute time
 *       (so lateness does not accumulate), phases spread at random, 10 000 timers a second for 3 s after a
 *       0.5 s warm-up.</li>
 *   <li>The device round trip: {@code initialize} of one qubit through the {@code qdevice:tcp://} driver to the
 *       device emulator started in this JVM on loopback, one operation at a time, from the call on the node's loop
 *       to its completion there (the operation's own duration, which the emulator paces to the wall clock,
 *       included), after a warm-up of 200.</li>
 * </ul>
 * Each row carries p50, p99 and max, the load average when it ran and the JVM's flags.
 *
 * <pre>mvn -q -pl examples exec:java -Dexec.args="bench --only realtime"</pre>
 */
final class RealTimeBench {
    /** Working targets for a node on a shared machine: its timers start within a millisecond (p99). */
    static final double LATENESS_P99_TARGET_MICROS = 1_000;
    /** The wire adds at most a millisecond (p99) to the operation's own duration on loopback. */
    static final double WIRE_P99_TARGET_MICROS = 1_000;
    private static final int CHAINS = 100;
    private static final long SEED = 18;

    private RealTimeBench() {
    }

    static List<BenchScenarios.Result> figures(boolean quick) {
        int rate = quick ? 2_000 : 10_000;
        double seconds = quick ? 0.3 : 3;
        int operations = quick ? 100 : 5_000;
        try (NodeEventLoop loop = NodeEventLoop.start("bench-node")) {
            timerLoad(loop, rate, quick ? 0.1 : 0.5);
            loop.resetLateness();
            timerLoad(loop, rate, seconds);
            LatencySummary lateness = loop.lateness();
            double loadAfterTimers = loadAverage();
            Map<String, Object> timers = details(lateness, loadAfterTimers);
            timers.put("timersPerSecond", rate);
            timers.put("seconds", seconds);
            BenchScenarios.Result late = new BenchScenarios.Result(
                    String.format("realtime: loop lateness p99 (%,d timers/s)", rate), lateness.p99Nanos() / 1e3,
                    "µs (start − due)", LATENESS_P99_TARGET_MICROS, true, timers);
            return List.of(late, roundTrip(loop, operations, quick ? 20 : 200));
        }
    }

    /** {@code rate} timers a second for {@code seconds}, in {@link #CHAINS} self-rescheduling chains. */
    static void timerLoad(NodeEventLoop loop, int rate, double seconds) {
        long period = (long) (1e9 * CHAINS / rate);
        int perChain = Math.max(1, (int) Math.round(seconds * rate / CHAINS));
        CountDownLatch done = new CountDownLatch(CHAINS);
        SplittableRandom random = new SplittableRandom(SEED);
        long start = loop.nanos() + 1_000_000;
        for (int c = 0; c < CHAINS; c++) {
            new Chain(loop, start + random.nextLong(period), period, perChain, done, random.split()).arm();
        }
        await(done, seconds);
    }

    /** A protocol's periodic timer: a little work, then its successor one period after its own due time. */
    private static final class Chain implements Runnable {
        private final NodeEventLoop loop;
        private final long period;
        private final CountDownLatch done;
        private final SplittableRandom work;
        private long due;
        private int remaining;
        /** Keeps the work from being optimised away. */
        private double sink;

        Chain(NodeEventLoop loop, long first, long period, int count, CountDownLatch done, SplittableRandom work) {
            this.loop = loop;
            this.due = first;
            this.period = period;
            this.remaining = count;
            this.done = done;
            this.work = work;
        }

        void arm() {
            loop.scheduleAt(due, this);
        }

        @Override
        public void run() {
            for (int i = 0; i < 32; i++) {
                sink += work.nextDouble();
            }
            if (--remaining == 0 || sink < 0) {
                done.countDown();
                return;
            }
            due += period;
            arm();
        }
    }

    private static BenchScenarios.Result roundTrip(NodeEventLoop loop, int operations, int warmUp) {
        PlatformSpec spec = new PlatformSpec(SEED, List.of(NodeSpec.of("alice", "ideal")), List.of());
        try (DeviceEmulator emulator = DeviceEmulator.start(spec, new InetSocketAddress("127.0.0.1", 0));
             AsyncQuantumDevice device = Drivers.openQuantumDevice(emulator.uri("alice"), loop)) {
            LatencyHistogram rtt = new LatencyHistogram();
            initializeInTurn(loop, device, warmUp, rtt);
            rtt.reset();
            initializeInTurn(loop, device, operations, rtt);
            LatencySummary s = rtt.summary();
            long duration = device.capabilities().durations().initialization();
            Map<String, Object> d = details(s, loadAverage());
            d.put("operation", "initialize(0), declared duration " + duration + " ns, one at a time");
            d.put("uri", "qdevice:tcp://127.0.0.1 (emulator in this JVM)");
            d.put("emulatorMaxLatenessNanos", emulator.maxLatenessNanos());
            return new BenchScenarios.Result("realtime: device round trip p99 (qdevice:tcp)", s.p99Nanos() / 1e3,
                    "µs (call → completion)", duration / 1e3 + WIRE_P99_TARGET_MICROS, true, d);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the device emulator on loopback", e);
        }
    }

    /** {@code n} initializations, each issued on the loop when the previous one completes there. */
    private static void initializeInTurn(NodeEventLoop loop, AsyncQuantumDevice device, int n, LatencyHistogram rtt) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        loop.execute(() -> next(device, n, rtt, all));
        try {
            all.get(60 + n / 100, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the device failed during the benchmark", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the device did not complete " + n + " initializations in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void next(AsyncQuantumDevice device, int left, LatencyHistogram rtt, CompletableFuture<Void> all) {
        if (left == 0) {
            all.complete(null);
            return;
        }
        long start = System.nanoTime();
        device.initialize(0).whenComplete((c, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
                return;
            }
            rtt.record(System.nanoTime() - start);
            next(device, left - 1, rtt, all);
        });
    }

    private static Map<String, Object> details(LatencySummary s, double loadAverage) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("count", s.count());
        d.put("p50Micros", s.p50Nanos() / 1e3);
        d.put("p99Micros", s.p99Nanos() / 1e3);
        d.put("maxMicros", s.maxNanos() / 1e3);
        d.put("loadAverage1m", loadAverage);
        d.put("jvmFlags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return d;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void await(CountDownLatch done, double seconds) {
        try {
            if (!done.await((long) (seconds * 10) + 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the timer load did not finish: the loop is stuck or far behind");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
