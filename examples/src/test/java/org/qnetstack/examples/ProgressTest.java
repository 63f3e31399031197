package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress lines: what is done, how long it took, and the time left once there is a rate to go by. */
class ProgressTest {
    @Test
    void theLineEstimatesTheTimeLeftFromTheRateSoFar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress.configure(Progress.Mode.LINES, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (Progress.Task task = Progress.start("qkd: pairs", 20_000)) {
            assertEquals("qkd: pairs: 5,000 of 20,000 (25%), 10 s so far, about 30 s left", task.line(5_000, 10));
            assertEquals("qkd: pairs: 10 of 20,000 (0%), 3 s so far, about ? left", task.line(10, 3),
                    "below 1% the rate is mostly start-up");
            assertEquals("qkd: pairs: 19,000 of 20,000 (95%), 1 min 35 s so far, about 5 s left",
                    task.line(19_000, 95));
            // one task at a time: a task started inside another (qkd inside eavesdrop) shows nothing
            try (Progress.Task inner = Progress.start("inner", 10)) {
                inner.step();
            }
        } finally {
            Progress.configure(Progress.Mode.OFF, System.err);
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing within the first seconds");
    }
}
