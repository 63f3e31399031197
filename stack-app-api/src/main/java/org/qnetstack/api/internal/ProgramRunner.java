package org.qnetstack.api.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.SimulationException;
import org.reactivestreams.Subscriber;
import reactor.core.Scannable;

/**
 * Runs sequential node programs on their own threads while keeping the simulation single-threaded:
 * either the kernel or exactly one program runs at any moment.
 *
 * <p>A program runs until it waits: every publisher of the API records, when a program thread
 * subscribes to it, the subscriber and a new "generation". The runner lets a program run until it has
 * subscribed anew and parked (or ended). After each kernel event that signalled a program's subscriber,
 * the runner looks down that subscriber's chain for a blocking subscriber ({@code block()},
 * {@code blockLast()}) that has terminated: that program has been woken, and the kernel waits for it
 * to park again. Programs that wait on anything else (a real-time delay, a lock of their own) are
 * reported instead of hanging the run.
 */
public final class ProgramRunner {
    private static final ThreadLocal<Program> CURRENT = new ThreadLocal<>();
    private static final long STALL_REPORT_NANOS = 30_000_000_000L;

    private final List<Program> programs = new ArrayList<>();
    private boolean signalled;

    static final class Program {
        final String node;
        final Thread thread;
        final Queue<Subscriber<?>> watched = new ConcurrentLinkedQueue<>();
        volatile int generation;
        int parkedGeneration;
        /** Calls under way that wait on something answering by itself (see {@link #working}). */
        volatile int working;
        volatile @Nullable Throwable failure;
        /** Its node crashed: its end (by NodeCrashedException) is no failure of the run, and nobody waits for it. */
        boolean crashed;

        Program(String node, NodeProgram body, org.qnetstack.api.Node api) {
            this.node = node;
            this.thread = new Thread(() -> {
                CURRENT.set(this);
                try {
                    body.run(api);
                } catch (Throwable t) {
                    failure = t;
                }
            }, "program-" + node);
            thread.setDaemon(true);
        }
    }

    /** Called by the API's publishers after a subscription: notes it if a program thread subscribed. */
    static void subscribed(Subscriber<?> actual) {
        Program p = CURRENT.get();
        if (p != null) {
            p.watched.add(actual);
            p.generation++; // volatile write after the subscription's effects: the kernel sees them
        }
    }

    /**
     * Runs a call that waits on something outside the simulation that answers by itself (a device in another
     * process, reached over the network): while it waits, the program thread is working, not parked, so the
     * runner keeps waiting for it. On any other thread it just runs the call.
     */
    public static <T> T working(java.util.function.Supplier<T> call) {
        Program p = CURRENT.get();
        if (p == null) {
            return call.get();
        }
        p.working++;
        try {
            return call.get();
        } finally {
            p.working--;
        }
    }

    /** True on the thread of a sequential program, where blocking on the API's publishers is allowed. */
    static boolean onProgramThread() {
        return CURRENT.get() != null;
    }

    /**
     * The node crashed: its programs' waits have failed (they run on to their end at the next hand-over), and
     * from now on the run neither waits for them nor counts their {@link org.qnetstack.api.NodeCrashedException}
     * as a failure.
     */
    void crashed(String node) {
        for (Program p : programs) {
            if (p.node.equals(node)) {
                p.crashed = true;
            }
        }
        signal();
    }

    private static boolean causedByCrash(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.qnetstack.api.NodeCrashedException) {
                return true;
            }
        }
        return false;
    }

    /** Called on the kernel thread whenever the API signals a subscriber. */
    void signal() {
        signalled = true;
    }

    /** Starts the program and lets it run until it first waits or ends. */
    void start(String node, NodeProgram body, org.qnetstack.api.Node api) {
        Program p = new Program(node, body, api);
        programs.add(p);
        p.thread.start();
        awaitParked(p);
    }

    /** After a kernel event: lets every program that event woke run until it waits again. */
    void afterEvent() {
        if (!signalled) {
            return;
        }
        signalled = false;
        for (Program p : programs) {
            if (p.thread.isAlive() && woken(p)) {
                awaitParked(p);
            }
        }
    }

    boolean signalledSinceLastCheck() {
        return signalled;
    }

    private static boolean woken(Program p) {
        boolean woken = false;
        for (Subscriber<?> s : p.watched) {
            Scannable terminal = terminalOf(s);
            if (isDone(terminal)) {
                p.watched.remove(s);
                woken |= terminal.getClass().getName().contains("Blocking");
            }
        }
        return woken;
    }

    private static Scannable terminalOf(Subscriber<?> s) {
        Scannable first = Scannable.from(s);
        return first.actuals().reduce((a, b) -> b).map(x -> (Scannable) x).orElse(first);
    }

    private static boolean isDone(Scannable s) {
        return Boolean.TRUE.equals(s.scan(Scannable.Attr.TERMINATED)) || Boolean.TRUE.equals(s.scan(Scannable.Attr.CANCELLED));
    }

    private static void awaitParked(Program p) {
        long since = System.nanoTime();
        int spins = 0;
        while (true) {
            if (!p.thread.isAlive()) {
                return;
            }
            Thread.State state = p.thread.getState();
            boolean parked = (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) && p.working == 0;
            if (parked && p.generation > p.parkedGeneration) {
                p.parkedGeneration = p.generation;
                // What completed during the step (e.g. a measurement) woke nobody: forget it.
                p.watched.removeIf(s -> isDone(terminalOf(s)));
                return;
            }
            if (parked && System.nanoTime() - since > STALL_REPORT_NANOS) {
                throw new SimulationException("the program on " + p.node + " waits for something the simulation "
                        + "does not drive (a real-time delay, toIterable(), a lock of its own?); use the API's "
                        + "publishers with block()/blockLast()");
            }
            if (++spins < 2000) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    boolean allDone() {
        for (Program p : programs) {
            if (p.thread.isAlive() && !p.crashed) {
                return false;
            }
        }
        return true;
    }

    /** The first failure of any program, if one failed. */
    @Nullable SimulationException failure() {
        for (Program p : programs) {
            Throwable t = p.failure;
            if (t != null && !(p.crashed && causedByCrash(t))) {
                return new SimulationException("the program on " + p.node + " failed: " + t, t);
            }
        }
        return null;
    }

    List<String> waiting() {
        List<String> names = new ArrayList<>();
        for (Program p : programs) {
            if (p.thread.isAlive() && !p.crashed) {
                names.add(p.node);
            }
        }
        return names;
    }

    /** Stops programs still waiting (they get an interrupt at their next wait). */
    void stopAll() {
        for (Program p : programs) {
            if (p.thread.isAlive()) {
                p.thread.interrupt();
            }
        }
    }
}
