package org.qnetstack.hal.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.DetectorCounters;
import reactor.core.publisher.Mono;

/**
 * The conformance kit for {@link DetectorController} drivers. A driver's test class extends this one
 * and supplies a fresh controller ({@link #newController}) and a way to make its device click
 * ({@link #produceClicks}); the kit checks the HAL's contract: identity and channels, arming, the
 * coincidence window, clicks in time-tag order only while armed, watermarks that never run ahead of
 * clicks, counters and their reset, late subscribers, and that closing ends the click stream, releases resources and makes later commands fail
 * with an {@link IllegalStateException}.
 *
 * <p>Clicks can be checked exactly when the device can be made to report chosen (channel, ps) pairs: an
 * emulator, or hardware with a programmable pulse source. Where clicks come from physics (a simulation
 * driven by photons) the driver returns false from {@link #producesExactClicks}; the kit then asks for "at
 * least this many clicks" and checks what holds for any clicks: order, channel range, counts, stream
 * semantics. Every wait is bounded by {@link #timeout()}.
 *
 * <p>A new test class instance is made for every test (JUnit's default), and each test closes the
 * controller it opened before the subclass's {@code @AfterEach} methods run, so those can tear down the
 * device or world behind it.
 */
public abstract class DetectorControllerConformance {
    /** Spacing of the kit's clicks: far apart compared with any coincidence window it sets. */
    private static final long SPACING_PS = 1_000_000;
    private static final long WINDOW_PS = 1_000;

    private long nextPs = SPACING_PS;

    /** A freshly opened controller, disarmed. The kit closes it at the end of the test. */
    protected abstract DetectorController newController() throws Exception;

    /**
     * Makes the device click, and returns once the device has taken the clicks in (they may still be on
     * their way to subscribers). Called armed and disarmed: a disarmed device must not report them.
     *
     * <p>If {@link #producesExactClicks} is true, the device must report exactly these clicks (channel
     * from 0, time tag in ps on the controller's time base, non-decreasing; the kit starts at 1 µs and
     * moves forward). Otherwise the list only says how many clicks are wanted: produce at least that many
     * by the device's own means while armed, and while disarmed run it for a comparable effort.
     */
    protected abstract void produceClicks(DetectorController controller, List<ClickEvent> clicks) throws Exception;

    /** True if {@link #produceClicks} reproduces the given clicks exactly (the default). */
    protected boolean producesExactClicks() {
        return true;
    }

    /**
     * Lets the driver work until the condition holds or the time is up; returns the condition's final
     * value. The default polls in real time; a simulation overrides it to run its event loop instead.
     */
    protected boolean awaitCondition(BooleanSupplier condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return condition.getAsBoolean();
            }
            Thread.sleep(2);
        }
        return true;
    }

    /** The result of a command, waiting at most {@link #timeout()}. */
    protected <T> @Nullable T complete(Mono<T> command) {
        return command.block(timeout());
    }

    /** The bound on every wait of the kit. */
    protected Duration timeout() {
        return Duration.ofSeconds(10);
    }

    /** How long the kit watches for something that must not happen (a click while disarmed). */
    protected Duration quietPeriod() {
        return Duration.ofMillis(300);
    }

    /**
     * Checks that a closed controller let go of what it held (threads, ports, sockets). The default checks
     * nothing; drivers that hold resources should override it.
     */
    protected void assertResourcesReleased(DetectorController closed) throws Exception {
    }

    // ---- the checks -------------------------------------------------------------------------------

    @Test
    protected void identifiesItselfAndItsChannels() throws Exception {
        try (DetectorController dc = open()) {
            assertNotNull(dc.identity(), "identity()");
            assertFalse(dc.identity().isBlank(), "identity() must say what the device is");
            assertTrue(dc.channelCount() >= 1, "channelCount() must be ≥ 1, was " + dc.channelCount());
            assertFalse(dc.isArmed(), "a newly opened controller must be disarmed");
        }
    }

    @Test
    protected void armsAndDisarmsIdempotently() throws Exception {
        try (DetectorController dc = open()) {
            complete(dc.arm());
            assertTrue(dc.isArmed(), "isArmed() after arm()");
            complete(dc.arm());
            assertTrue(dc.isArmed(), "arming twice keeps it armed");
            complete(dc.disarm());
            assertFalse(dc.isArmed(), "isArmed() after disarm()");
            complete(dc.disarm());
            assertFalse(dc.isArmed(), "disarming twice keeps it disarmed");
        }
    }

    @Test
    protected void commandsDoNothingUntilSubscribed() throws Exception {
        try (DetectorController dc = open()) {
            long window = dc.coincidenceWindowPs();
            dc.arm();
            dc.setCoincidenceWindow(window + 123);
            awaitCondition(() -> false, quietPeriod());
            assertFalse(dc.isArmed(), "arm() must be lazy: nothing may happen before subscription");
            assertEquals(window, dc.coincidenceWindowPs(), "setCoincidenceWindow() must be lazy");
        }
    }

    @Test
    protected void setsTheCoincidenceWindowAndRejectsNonPositiveOnes() throws Exception {
        try (DetectorController dc = open()) {
            complete(dc.setCoincidenceWindow(2_500));
            assertEquals(2_500, dc.coincidenceWindowPs(), "coincidenceWindowPs() after setting 2500 ps");
            for (long bad : new long[] {0, -1}) {
                assertThrows(RuntimeException.class, () -> complete(dc.setCoincidenceWindow(bad)),
                        "a window of " + bad + " ps must be refused");
                assertEquals(2_500, dc.coincidenceWindowPs(), "a refused window must leave the old one");
            }
        }
    }

    @Test
    protected void deliversClicksInTimeTagOrder() throws Exception {
        try (DetectorController dc = open()) {
            Recorder rec = record(dc);
            complete(dc.arm());
            List<ClickEvent> produced = clicks(dc, 40);
            produceClicks(dc, produced);
            awaitClicks(rec, produced.size());
            List<ClickEvent> got = rec.snapshot();
            assertInOrderOnChannels(dc, got);
            if (producesExactClicks()) {
                assertSameClicks(produced, got);
            }
            rec.assertNoError();
        }
    }

    @Test
    protected void deliversNoClicksWhileDisarmed() throws Exception {
        try (DetectorController dc = open()) {
            Recorder rec = record(dc);
            produceClicks(dc, clicks(dc, 10));
            assertFalse(awaitCondition(() -> rec.size() > 0, quietPeriod()),
                    "clicks delivered before arming: " + rec.snapshot());

            complete(dc.arm());
            List<ClickEvent> first = clicks(dc, 10);
            produceClicks(dc, first);
            awaitClicks(rec, first.size());
            complete(dc.disarm());
            int afterFirst = rec.size();

            produceClicks(dc, clicks(dc, 10));
            assertFalse(awaitCondition(() -> rec.size() > afterFirst, quietPeriod()),
                    "clicks delivered while disarmed: " + rec.snapshot().subList(afterFirst, rec.size()));

            complete(dc.arm());
            List<ClickEvent> second = clicks(dc, 10);
            produceClicks(dc, second);
            awaitClicks(rec, afterFirst + second.size());
            if (producesExactClicks()) {
                List<ClickEvent> expected = new ArrayList<>(first);
                expected.addAll(second);
                assertSameClicks(expected, rec.snapshot());
            }
            assertInOrderOnChannels(dc, rec.snapshot());
        }
    }

    @Test
    protected void watermarksNeverRunAheadOfClicks() throws Exception {
        try (DetectorController dc = open()) {
            List<Object> timeline = Collections.synchronizedList(new ArrayList<>());
            dc.clicks().subscribe(timeline::add);
            dc.watermarks().subscribe(timeline::add);
            complete(dc.arm());
            List<ClickEvent> produced = clicks(dc, 20);
            produceClicks(dc, produced);
            if (!awaitCondition(() -> count(timeline, ClickEvent.class) >= produced.size(), timeout())) {
                fail("expected " + produced.size() + " clicks within " + timeout().toMillis() + " ms: " + timeline);
            }
            long last = produced.get(produced.size() - 1).timePs();
            if (producesExactClicks() && count(timeline, Long.class) > 0) {
                assertTrue(awaitCondition(() -> lastMark(timeline) > last, timeout()),
                        "a device that reports watermarks must pass the last click, " + last + " ps: " + timeline);
            }
            long mark = Long.MIN_VALUE;
            for (Object e : snapshot(timeline)) {
                if (e instanceof Long w) {
                    assertTrue(w >= mark, "watermarks must not go back: " + mark + " then " + w);
                    mark = w;
                } else if (e instanceof ClickEvent c) {
                    assertTrue(c.timePs() >= mark, c + " came after the watermark " + mark + " ps that promised none before it");
                }
            }
        }
    }

    @Test
    protected void countsClicksAndCoincidences() throws Exception {
        try (DetectorController dc = open()) {
            Recorder rec = record(dc);
            complete(dc.setCoincidenceWindow(WINDOW_PS));
            complete(dc.resetCounters());
            complete(dc.arm());
            List<ClickEvent> produced = clicks(dc, 30);
            produceClicks(dc, produced);
            awaitClicks(rec, produced.size());
            complete(dc.disarm());
            List<ClickEvent> got = rec.snapshot();
            DetectorCounters counters = complete(dc.counters());
            assertNotNull(counters, "counters()");
            assertEquals(dc.channelCount(), counters.clicksPerChannel().size(), "one count per channel");
            assertEquals(perChannel(dc, got), counters.clicksPerChannel(), "counts per channel of the clicks delivered "
                    + got);
            if (unambiguous(got, WINDOW_PS)) {
                assertEquals(coincidences(got, WINDOW_PS), counters.coincidences(),
                        "coincidences: pairs of clicks on different channels within " + WINDOW_PS + " ps in " + got);
            }
        }
    }

    @Test
    protected void resetsCounters() throws Exception {
        try (DetectorController dc = open()) {
            Recorder rec = record(dc);
            complete(dc.arm());
            List<ClickEvent> produced = clicks(dc, 10);
            produceClicks(dc, produced);
            awaitClicks(rec, produced.size());
            complete(dc.disarm());
            DetectorCounters before = complete(dc.counters());
            assertNotNull(before, "counters()");
            assertTrue(before.clicksPerChannel().stream().mapToLong(Long::longValue).sum() > 0,
                    "clicks were counted before the reset: " + before);
            complete(dc.resetCounters());
            DetectorCounters after = complete(dc.counters());
            assertNotNull(after, "counters()");
            assertEquals(Collections.nCopies(dc.channelCount(), 0L), after.clicksPerChannel(), "counts after reset");
            assertEquals(0, after.coincidences(), "coincidences after reset");
        }
    }

    @Test
    protected void lateSubscribersSeeOnlyLaterClicks() throws Exception {
        try (DetectorController dc = open()) {
            Recorder early = record(dc);
            complete(dc.arm());
            List<ClickEvent> first = clicks(dc, 10);
            produceClicks(dc, first);
            awaitClicks(early, first.size());
            int before = early.size();
            Recorder late = record(dc);
            List<ClickEvent> second = clicks(dc, 10);
            produceClicks(dc, second);
            awaitClicks(late, second.size());
            awaitClicks(early, before + late.size());
            List<ClickEvent> all = early.snapshot();
            assertEquals(all.subList(before, all.size()), late.snapshot(),
                    "a late subscriber sees exactly the clicks delivered after it subscribed");
            if (producesExactClicks()) {
                assertSameClicks(second, late.snapshot());
            }
        }
    }

    @Test
    protected void closingEndsTheClickStreamAndReleasesResources() throws Exception {
        DetectorController dc = open();
        Recorder rec = record(dc);
        complete(dc.arm());
        dc.close();
        assertTrue(awaitCondition(() -> rec.completed || rec.error != null, timeout()),
                "clicks() must complete when the controller is closed");
        assertTrue(rec.completed, "clicks() must complete, not fail, on close: " + rec.error);
        assertDoesNotThrow(dc::close, "close() must be idempotent");
        assertFalse(dc.isArmed(), "a closed controller is not armed");
        Recorder afterwards = record(dc);
        assertTrue(awaitCondition(() -> afterwards.completed || afterwards.error != null, timeout()),
                "subscribing to clicks() after close must end at once, not hang");
        assertResourcesReleased(dc);
    }

    @Test
    protected void armFailsAfterClose() throws Exception {
        DetectorController dc = open();
        dc.close();
        assertClosedError(() -> complete(dc.arm()), "arm()");
    }

    @Test
    protected void otherCommandsFailAfterClose() throws Exception {
        DetectorController dc = open();
        dc.close();
        assertClosedError(() -> complete(dc.setCoincidenceWindow(2_000)), "setCoincidenceWindow()");
        assertClosedError(() -> complete(dc.counters()), "counters()");
        assertClosedError(() -> complete(dc.resetCounters()), "resetCounters()");
        try {
            complete(dc.disarm()); // vacuously true of a closed controller: completing is fine, so is failing
        } catch (IllegalStateException e) {
            assertClosedMessage(e, "disarm()");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private DetectorController open() throws Exception {
        DetectorController dc = newController();
        assertNotNull(dc, "newController() returned null");
        return dc;
    }

    /** The next n clicks on the device's channels, 1 µs apart, with a two-channel coincidence every fifth. */
    private List<ClickEvent> clicks(DetectorController dc, int n) {
        int channels = dc.channelCount();
        List<ClickEvent> list = new ArrayList<>();
        for (int i = 0; list.size() < n; i++) {
            long t = nextPs;
            nextPs += SPACING_PS;
            if (channels >= 2 && i % 5 == 4 && list.size() + 2 <= n) {
                list.add(new ClickEvent(0, t));
                list.add(new ClickEvent(1, t));
            } else {
                list.add(new ClickEvent(i % channels, t));
            }
        }
        return list;
    }

    private void awaitClicks(Recorder rec, int n) throws Exception {
        if (!awaitCondition(() -> rec.size() >= n || rec.error != null, timeout())) {
            fail("expected " + n + " clicks within " + timeout().toMillis() + " ms, got " + rec.size() + ": "
                    + rec.snapshot());
        }
        rec.assertNoError();
    }

    private static void assertInOrderOnChannels(DetectorController dc, List<ClickEvent> clicks) {
        for (int i = 0; i < clicks.size(); i++) {
            ClickEvent c = clicks.get(i);
            assertTrue(c.channel() >= 0 && c.channel() < dc.channelCount(),
                    "click on channel " + c.channel() + " of a " + dc.channelCount() + "-channel device: " + c);
            if (i > 0) {
                assertTrue(c.timePs() >= clicks.get(i - 1).timePs(),
                        "clicks out of time-tag order: " + clicks.get(i - 1) + " then " + c);
            }
        }
    }

    /** Same clicks; the order of clicks with equal tags is the device's choice. */
    private static void assertSameClicks(List<ClickEvent> expected, List<ClickEvent> got) {
        Comparator<ClickEvent> order = Comparator.comparingLong(ClickEvent::timePs).thenComparingInt(ClickEvent::channel);
        List<ClickEvent> e = new ArrayList<>(expected);
        List<ClickEvent> g = new ArrayList<>(got);
        e.sort(order);
        g.sort(order);
        assertEquals(e, g, "the clicks delivered must be exactly the clicks produced");
    }

    private static void assertClosedError(Runnable command, String what) {
        IllegalStateException e = assertThrows(IllegalStateException.class, command::run,
                what + " after close() must fail with IllegalStateException");
        assertClosedMessage(e, what);
    }

    private static void assertClosedMessage(IllegalStateException e, String what) {
        assertInstanceOf(IllegalStateException.class, e);
        String m = String.valueOf(e.getMessage());
        assertTrue(m.toLowerCase(java.util.Locale.ROOT).contains("closed"),
                what + " after close(): the message must say the controller is closed, was: " + m);
    }

    private static List<Long> perChannel(DetectorController dc, List<ClickEvent> clicks) {
        long[] n = new long[dc.channelCount()];
        for (ClickEvent c : clicks) {
            n[c.channel()]++;
        }
        List<Long> list = new ArrayList<>();
        for (long v : n) {
            list.add(v);
        }
        return list;
    }

    /** True if every two successive clicks on different channels are either simultaneous or far apart. */
    private static boolean unambiguous(List<ClickEvent> clicks, long windowPs) {
        for (int i = 1; i < clicks.size(); i++) {
            long gap = clicks.get(i).timePs() - clicks.get(i - 1).timePs();
            if (gap > 0 && gap <= 2 * windowPs) {
                return false;
            }
        }
        return true;
    }

    /** Pairs of clicks on different channels within the window, each click in at most one pair. */
    private static long coincidences(List<ClickEvent> clicks, long windowPs) {
        long pairs = 0;
        ClickEvent open = null;
        for (ClickEvent c : clicks) {
            if (open != null && open.channel() != c.channel() && c.timePs() - open.timePs() <= windowPs) {
                pairs++;
                open = null;
            } else {
                open = c;
            }
        }
        return pairs;
    }

    private static List<Object> snapshot(List<Object> timeline) {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }

    private static long count(List<Object> timeline, Class<?> kind) {
        return snapshot(timeline).stream().filter(kind::isInstance).count();
    }

    private static long lastMark(List<Object> timeline) {
        return snapshot(timeline).stream().filter(Long.class::isInstance).mapToLong(Long.class::cast)
                .max().orElse(Long.MIN_VALUE);
    }

    private static Recorder record(DetectorController dc) {
        return new Recorder(dc);
    }

    /** A subscriber to clicks() that keeps what it saw. */
    private static final class Recorder {
        private final List<ClickEvent> clicks = Collections.synchronizedList(new ArrayList<>());
        volatile boolean completed;
        volatile @Nullable Throwable error;

        Recorder(DetectorController dc) {
            dc.clicks().subscribe(clicks::add, e -> error = e, () -> completed = true);
        }

        int size() {
            return clicks.size();
        }

        List<ClickEvent> snapshot() {
            synchronized (clicks) {
                return List.copyOf(clicks);
            }
        }

        void assertNoError() {
            Throwable e = error;
            if (e != null) {
                fail("clicks() failed: " + e, e);
            }
        }
    }
}
