package org.qnetstack.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Refusals are logged one by one up to a burst per window, then only counted and summed up in the next warning. */
class RefusalLogTest {
    private final Logger logger = Logger.getLogger(RefusalLogTest.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void logsABurstThenCountsAndSumsUpInTheNextWindow() throws InterruptedException {
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
            RefusalLog log = new RefusalLog(Duration.ofMillis(200));
            for (int i = 0; i < RefusalLog.BURST + 30; i++) {
                int n = i;
                log.warn(logger, () -> "refusal " + n);
            }
            assertEquals(RefusalLog.BURST, lines.size(), "one line per refusal up to the burst");
            assertEquals(30, log.unlogged());

            Thread.sleep(250); // into the next window
            log.warn(logger, () -> "refusal after");

            assertEquals(RefusalLog.BURST + 1, lines.size());
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("refusal after (30 earlier refusals not logged one by one"), last);
            assertEquals(0, log.unlogged());
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(true);
        }
    }
}
