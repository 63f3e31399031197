package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import reactor.core.publisher.Mono;

/** Every misuse of the API ends in a typed exception that names the parameter and says what to do (issue 15). */
class ApiMisuseTest {
    private static final Duration QUICKLY = Duration.ofSeconds(20);

    static SimulatedNetwork net() {
        return SimulatedNetwork.builder().seed(3).node("alice", "ideal").node("bob", "ideal").link("alice", "bob", 10)
                .build();
    }

    private static ApiMisuseException misuse(Executable call, String parameter, String advice) {
        ApiMisuseException e = assertThrows(ApiMisuseException.class, call);
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(advice), e.getMessage());
        return e;
    }

    private static void assertCausedByMisuse(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ApiMisuseException && c.getMessage().contains(text)) {
                return;
            }
        }
        throw new AssertionError("no ApiMisuseException saying '" + text + "' in " + t, t);
    }

    @Test
    void aClosedNetworkRefusesEveryUse() {
        SimulatedNetwork net = net();
        Node alice = net.node("alice");
        net.close();
        misuse(() -> net.run("alice", node -> { }), null, "was closed");
        misuse(net::awaitCompletion, null, "was closed");
        misuse(() -> net.node("alice"), null, "was closed");
        misuse(alice::qubit, null, "was closed");
        misuse(() -> alice.eprSocket("bob"), null, "was closed");
    }

    @Test
    void awaitCompletionHonoursAnInterrupt() {
        try (SimulatedNetwork net = net()) {
            net.run("alice", node -> {
                while (true) {
                    node.eprSocket("bob").createKeep().block().qubit().release();
                }
            });
            net.run("bob", node -> {
                while (true) {
                    node.eprSocket("alice").recvKeep().block().qubit().release();
                }
            });
            // The action runs on the thread that runs the simulation: it interrupts the caller of awaitCompletion.
            net.at(Duration.ofMillis(200), () -> Thread.currentThread().interrupt());
            SimulationException e = assertTimeoutPreemptively(QUICKLY, () -> {
                SimulationException thrown = assertThrows(SimulationException.class, net::awaitCompletion);
                assertTrue(Thread.interrupted(), "the interrupt status is kept");
                return thrown;
            });
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        }
    }

    @Test
    void durationsBeyondTheClockAreRefusedByName() {
        try (SimulatedNetwork net = net()) {
            misuse(() -> net.awaitCompletion(Duration.ofDays(146_000)), "simulatedLimit", "292 years");
            misuse(() -> net.at(Duration.ofDays(146_000), () -> { }), "simulatedTime", "292 years");
            misuse(() -> net.node("alice").sleep(Duration.ofDays(146_000)), "duration", "292 years");
        }
    }

    @Test
    void rotationsByANonFiniteAngleAreRefused() {
        try (SimulatedNetwork net = net()) {
            Qubit q = net.node("alice").qubit();
            misuse(() -> q.rotX(Double.NaN), "radians", "finite");
            misuse(() -> q.rotY(Double.POSITIVE_INFINITY), "radians", "finite");
            misuse(() -> q.rotZ(Double.NEGATIVE_INFINITY), "radians", "finite");
            q.release();
        }
    }

    @Test
    void nullArgumentsAreRefusedByName() {
        try (SimulatedNetwork net = net()) {
            Node alice = net.node("alice");
            misuse(() -> net.run("alice", null), "program", "lambda");
            misuse(() -> net.runReactive("alice", null), "program", "lambda");
            misuse(() -> net.submit("alice", null), "program", "lambda");
            misuse(() -> net.run(null, node -> { }), "name", "alice, bob");
            misuse(() -> net.awaitCompletion(null), "simulatedLimit", "Duration");
            misuse(() -> net.at(Duration.ZERO, null), "action", "lambda");
            misuse(() -> alice.eprSocket(null), "remoteNode", "another node");
            misuse(() -> alice.classicalSocket(null), "remoteNode", "another node");
            misuse(() -> alice.sleep(null), "duration", "≥ 0");
            Qubit q = alice.qubit();
            misuse(() -> q.measure(null), "basis", "Basis.Z");
            misuse(() -> q.cnot(null), "other", "alice");
            q.release();
            misuse(() -> alice.eprSocket("bob").maxTime(null), "maxTime", "must be positive");
            misuse(() -> alice.eprSocket("bob").createMeasure(1, null), "basis", "RANDOM_XZ");
            misuse(() -> alice.eprSocket("bob").createMeasure(1, BasisChoice.randomXz(), null), "basis", "randomXz");
            misuse(() -> alice.eprSocket("alice"), "remoteNode", "itself");
            misuse(() -> net.crash("nobody"), "name", "nodes: alice, bob");
        }
    }

    @Test
    void blockingOutsideEveryProgramFailsAtOnceInsteadOfHanging() {
        try (SimulatedNetwork net = net()) {
            ApiMisuseException e = assertTimeoutPreemptively(QUICKLY, () -> assertThrows(ApiMisuseException.class,
                    () -> net.node("alice").eprSocket("bob").createKeep().block()));
            assertTrue(e.getMessage().contains("never complete") && e.getMessage().contains("net.run"), e.getMessage());
            assertEquals(0, net.node("alice").qubitsInUse());
        }
    }

    @Test
    void blockingInsideAReactiveProgramFailsTheRunWithAdvice() {
        try (SimulatedNetwork net = net()) {
            net.runReactive("alice", node -> Mono.fromRunnable(() -> node.sleep(Duration.ofMillis(1)).block()));
            SimulationException e = assertTimeoutPreemptively(QUICKLY,
                    () -> assertThrows(SimulationException.class, net::awaitCompletion));
            assertCausedByMisuse(e, "ReactiveProgram compose the publisher");
        }
    }

    @Test
    void bothEndsCreatingOnOneSocketIsReportedAsMisuse() {
        try (SimulatedNetwork net = net()) {
            net.run("alice", node -> node.eprSocket("bob").createKeep().block().qubit().release());
            net.run("bob", node -> node.eprSocket("alice").createKeep().block().qubit().release());
            SimulationException e = assertTimeoutPreemptively(QUICKLY,
                    () -> assertThrows(SimulationException.class, net::awaitCompletion));
            assertCausedByMisuse(e, "both ends create");
            assertCausedByMisuse(e, "the other recvKeep");
        }
    }

    @Test
    void aProgramReturnsItsResult() {
        try (SimulatedNetwork net = net()) {
            ProgramResult<List<Integer>> alice = net.submit("alice", node -> {
                List<Integer> bits = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    bits.add(node.eprSocket("bob").phiPlus().createKeep().block().qubit().measure(Basis.Z).block());
                }
                return bits;
            });
            ProgramResult<List<Integer>> bob = net.submit("bob", node -> {
                List<Integer> bits = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    bits.add(node.eprSocket("alice").phiPlus().recvKeep().block().qubit().measure(Basis.Z).block());
                }
                return bits;
            });
            assertFalse(alice.isDone(), "nothing runs before the simulation does");
            List<Integer> mine = alice.get(); // runs the simulation
            assertTrue(bob.isDone());
            assertEquals(5, mine.size());
            assertEquals(mine, bob.get(), "Φ+ on ideal devices: equal Z outcomes");
            assertEquals(mine, bob.future().join());
        }
    }

    @Test
    void aFailedProgramsResultThrowsItsFailure() {
        try (SimulatedNetwork net = net()) {
            ProgramResult<Integer> r = net.submit("alice", node -> {
                throw new IllegalStateException("boom");
            });
            SimulationException e = assertThrows(SimulationException.class, r::get);
            assertTrue(e.getMessage().contains("boom"), e.getMessage());
        }
    }

    @Test
    void aPublisherNeverSubscribedIsReportedWhenTheProgramEnds() {
        List<String> warnings = capture("org.qnetstack.api.internal.ProgramRunner", () -> {
            try (SimulatedNetwork net = net()) {
                net.run("alice", node -> {
                    node.classicalSocket("bob").send("lost"); // no block(): nothing is sent
                    node.eprSocket("bob").createKeep(); // no block(): no pair is made
                });
                net.awaitCompletion();
            }
        });
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.contains("alice") && w.contains("2 publisher(s)") && w.contains("send to bob")
                && w.contains("createKeep with bob on socket 0") && w.contains("block()"), w);
    }

    @Test
    void programsNeverRunAreReportedOnClose() {
        List<String> warnings = capture("org.qnetstack.api.internal.ProgramDriver", () -> {
            try (SimulatedNetwork net = net()) {
                net.run("alice", node -> { });
                net.run("bob", node -> { });
            }
        });
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("[alice, bob] never ran") && warnings.get(0).contains("awaitCompletion()"),
                warnings.get(0));
    }

    /**
     * The messages {@code logger} logs at WARN while {@code action} runs. The tests' binding, slf4j-simple (see the
     * root pom), prints each event as one line {@code [thread] WARN logger - message} to the current System.err.
     */
    private static List<String> capture(String logger, Runnable action) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(err);
        }
        String marker = " WARN " + logger + " - ";
        return printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(marker))
                .map(l -> l.substring(l.indexOf(marker) + marker.length())).toList();
    }
}
