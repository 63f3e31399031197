package org.qnetstack.hal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A burst per window is logged one by one; the rest are counted, and the next line logged sums them up. */
class RateLimitedLogTest {
    private static final Instant START = Instant.parse("2026-12-07T23:00:00Z");

    private Instant now = START;
    private final RecordingLogger logger = new RecordingLogger();

    private RateLimitedLog log(int burst) {
        return RateLimitedLog.warnings(logger).withBurst(burst, Duration.ofMinutes(1)).withClock(() -> now);
    }

    @Test
    void logsABurstOneByOneThenCountsAndSumsUpInTheNextWindow() {
        RateLimitedLog log = log(20);
        for (int i = 0; i < 50; i++) {
            log.log("refusal {}", i);
            now = now.plusMillis(100);
        }
        assertEquals(20, logger.at(Level.WARN).size(), "one line per event up to the burst");
        assertEquals("refusal 19", logger.at(Level.WARN).get(19));
        assertEquals(30, log.suppressed());
        assertEquals(30, logger.at(Level.DEBUG).size(), "the rest at DEBUG, one by one");
        assertEquals("refusal 20", logger.at(Level.DEBUG).get(0));

        now = START.plusSeconds(59).plusMillis(999);
        log.log("still in the window");
        assertEquals(20, logger.at(Level.WARN).size());
        assertEquals(31, log.suppressed());

        now = START.plusSeconds(60);
        log.log("refusal after");
        assertEquals(21, logger.at(Level.WARN).size());
        assertEquals("refusal after (31 more like this since 2026-12-07T23:00:02Z)", logger.at(Level.WARN).get(20),
                "the 21st event came at 20 x 100 ms");
        assertEquals(0, log.suppressed());
        assertEquals(52, log.total(), "every event is counted, logged or not");
    }

    @Test
    void aNewWindowStartsAtTheFirstEventAfterTheLastOneEnded() {
        RateLimitedLog log = log(2);
        log.log("a");
        log.log("b");
        log.log("c");
        now = START.plus(Duration.ofMinutes(5));
        log.log("d");
        log.log("e");
        log.log("f");
        log.log("g");
        assertEquals(List.of("a", "b", "d (1 more like this since 2026-12-07T23:00:00Z)", "e"),
                logger.at(Level.WARN));
        assertEquals(2, log.suppressed());
        assertEquals(7, log.total());
    }

    @Test
    void aTrailingThrowableStaysLastAfterTheSummary() {
        RateLimitedLog log = log(1);
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        log.log("device {} failed", "d1", first);
        log.log("device {} failed", "d1", first);
        now = now.plus(Duration.ofMinutes(1));
        log.log("device {} failed", "d1", second);
        assertEquals(List.of("device d1 failed", "device d1 failed (1 more like this since 2026-12-07T23:00:00Z)"),
                logger.at(Level.WARN));
        assertSame(first, logger.thrown.get(0));
        assertSame(second, logger.thrown.get(2), "the second WARN line (the DEBUG line came between)");
    }

    @Test
    void errorsAreLoggedAtError() {
        RateLimitedLog log = RateLimitedLog.errors(logger).withClock(() -> now);
        for (int i = 0; i < RateLimitedLog.DEFAULT_BURST + 5; i++) {
            log.log("fault");
        }
        assertEquals(RateLimitedLog.DEFAULT_BURST, logger.at(Level.ERROR).size());
        assertEquals(5, log.suppressed());
    }

    @Test
    void aBurstBelowOneOrAnEmptyWindowIsRefused() {
        RateLimitedLog log = RateLimitedLog.warnings(logger);
        assertThrows(IllegalArgumentException.class, () -> log.withBurst(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> log.withBurst(1, Duration.ZERO));
    }

    /** Keeps every line, formatted as a backend would, by level. */
    private static final class RecordingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final List<Level> levels = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();
        private final List<@Nullable Throwable> thrown = new ArrayList<>();

        RecordingLogger() {
            this.name = "test";
        }

        List<String> at(Level level) {
            List<String> found = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (levels.get(i) == level) {
                    found.add(lines.get(i));
                }
            }
            return found;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return RecordingLogger.class.getName();
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, @Nullable Marker marker, String messagePattern,
                                                   @Nullable Object[] arguments, @Nullable Throwable throwable) {
            levels.add(level);
            lines.add(MessageFormatter.basicArrayFormat(messagePattern, arguments));
            thrown.add(throwable);
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
