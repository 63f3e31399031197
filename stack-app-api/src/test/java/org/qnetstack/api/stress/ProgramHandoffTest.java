package org.qnetstack.api.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.SimulatedNetwork;

/**
 * The hand-off between sequential programs and the kernel (issue 15): a program released from its
 * {@code block()} never runs while the kernel is still inside the event that released it, and mixed programs
 * run to the end with the same result every time.
 */
class ProgramHandoffTest {
    /** How long the probe gives a wrongly woken program to show itself: far longer than a thread takes to wake. */
    private static final long PROBE_MILLIS = 100;

    @Test
    void aReleasedProgramWaitsUntilTheKernelHasFinishedTheEvent() {
        int rounds = 3;
        AtomicBoolean resumed = new AtomicBoolean();
        List<Boolean> seenRunningMidEvent = new ArrayList<>();
        try (SimulatedNetwork net = SimulatedNetwork.builder().seed(5).node("alice", "ideal").node("bob", "ideal")
                .link("alice", "bob", 10).build()) {
            net.run("alice", node -> {
                EprSocket socket = node.eprSocket("bob");
                for (int i = 0; i < rounds; i++) {
                    resumed.set(false);
                    // The hook runs on the kernel's thread, in the event that delivers the pair, after the
                    // block() below has had its value: if the program ran now, the hook would see it.
                    socket.createKeep(1).doAfterTerminate(() -> seenRunningMidEvent.add(waitFor(resumed)))
                            .single().block().qubit().release();
                    resumed.set(true);
                }
            });
            net.run("bob", node -> {
                EprSocket socket = node.eprSocket("alice");
                for (int i = 0; i < rounds; i++) {
                    socket.recvKeep().block().qubit().release();
                }
            });
            net.awaitCompletion();
        }
        assertEquals(List.of(false, false, false), seenRunningMidEvent);
    }

    private static boolean waitFor(AtomicBoolean flag) {
        long until = System.nanoTime() + PROBE_MILLIS * 1_000_000;
        while (System.nanoTime() < until) {
            if (flag.get()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void mixedProgramsCompleteAndRunsOfOneSeedAreIdentical() {
        int rounds = 500;
        for (long seed = 1; seed <= 3; seed++) {
            StressRun.Result first = StressRun.run(seed, rounds);
            StressRun.Result second = StressRun.run(seed, rounds);
            assertEquals(rounds * 20L, first.measured());
            assertEquals(rounds, first.kept());
            assertEquals(first, second, "seed " + seed);
        }
    }
}
