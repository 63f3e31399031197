package org.qnetstack.deploy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the named loggers (and their children) log at WARNING or above, for a test to check. */
final class CapturedLog implements AutoCloseable {
    // Held here: java.util.logging keeps loggers weakly, and a collected logger would lose our handler.
    private final List<Logger> loggers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLog(String... loggerNames) {
        this.loggers = java.util.Arrays.stream(loggerNames).map(Logger::getLogger).toList();
        loggers.forEach(l -> l.addHandler(handler));
    }

    /** How many warnings so far contain every one of the fragments. */
    long count(String... fragments) {
        return records.stream().filter(r -> {
            String text = r.getMessage() == null ? "" : r.getMessage();
            for (String f : fragments) {
                if (!text.contains(f)) {
                    return false;
                }
            }
            return true;
        }).count();
    }

    List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        loggers.forEach(l -> l.removeHandler(handler));
    }
}
