package org.qnetstack.deploy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects what the named loggers (and their children) log at WARN or above, for a test to check. The tests' SLF4J
 * binding is slf4j-simple (see the root pom), which has no listeners: it prints each event as one line
 * {@code [thread] LEVEL logger - message} to the current {@code System.err}, so this reads that stream, passing
 * every byte on, while it is open.
 */
final class CapturedLog implements AutoCloseable {
    private static final Pattern LINE = Pattern.compile(" (WARN|ERROR) (\\S+) - (.*)$");

    private final List<String> prefixes;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final PrintStream original = System.err;

    CapturedLog(String... loggerNames) {
        this.prefixes = List.of(loggerNames);
        System.setErr(new PrintStream(new LineTee(), true, StandardCharsets.UTF_8));
    }

    /** How many warnings so far contain every one of the fragments. */
    long count(String... fragments) {
        return messages.stream().filter(text -> {
            for (String f : fragments) {
                if (!text.contains(f)) {
                    return false;
                }
            }
            return true;
        }).count();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }

    private void line(String text) {
        Matcher m = LINE.matcher(text);
        if (m.find() && prefixes.stream().anyMatch(p -> m.group(2).equals(p) || m.group(2).startsWith(p + "."))) {
            messages.add(m.group(3));
        }
    }

    /** Copies everything to the original stream and hands each complete line to {@link #line}. */
    private final class LineTee extends OutputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            original.write(b);
            if (b == '\n') {
                line(pending.toString(StandardCharsets.UTF_8).stripTrailing());
                pending.reset();
            } else {
                pending.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
