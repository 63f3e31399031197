package org.qnetstack.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Refusals are logged one by one up to a burst per window, then only counted and summed up in the next warning. */
class RefusalLogTest {
    private final Logger logger = Logger.getLogger(RefusalLogTest.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void logsABurstThenCountsAndSumsUpInTheNextWindow() {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
        try {
            AtomicLong now = new AtomicLong(1_000);
            RefusalLog log = new RefusalLog(Duration.ofMinutes(1), now::get);
            for (int i = 0; i < RefusalLog.BURST + 30; i++) {
                int n = i;
                log.warn(logger, () -> "refusal " + n);
            }
            assertEquals(RefusalLog.BURST, lines.size(), "one line per refusal up to the burst");
            assertEquals(30, log.unlogged());

            now.addAndGet(Duration.ofSeconds(59).toNanos());
            log.warn(logger, () -> "still in the window");
            assertEquals(RefusalLog.BURST, lines.size());
            assertEquals(31, log.unlogged());
            now.addAndGet(Duration.ofSeconds(1).toNanos()); // the next window
            log.warn(logger, () -> "refusal after");

            assertEquals(RefusalLog.BURST + 1, lines.size());
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("refusal after (31 earlier refusals not logged one by one"), last);
            assertEquals(0, log.unlogged());
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(true);
        }
    }
}
