package org.qnetstack.api.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.SimulationException;
import org.reactivestreams.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Scannable;

/**
 * Runs sequential node programs on their own threads while keeping the simulation single-threaded: the
 * kernel's thread and the program threads take turns, and stack state is touched by one of them at a time.
 * The protocol is described in the {@linkplain org.qnetstack.api.internal package documentation}.
 *
 * <p>In short: a program waits only in a {@code block()} (Reactor's blocking subscriber), behind a {@link Gate};
 * a signal for it that arises on the kernel's thread is queued on the program; the kernel passes the queue on
 * after the event ({@link #afterEvent}), and when a signal releases the program it waits, doing nothing else,
 * until the program waits again (has subscribed anew and parked in a {@code block()}) or ends. Programs that
 * wait on anything else (a real-time delay, a lock of their own) are reported instead of hanging the run.
 */
public final class ProgramRunner {
    /** The program whose thread this is; set for the thread's life. */
    private static final ThreadLocal<Program> PROGRAM = new ThreadLocal<>();
    private static final long STALL_REPORT_NANOS = 30_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ProgramRunner.class);
    /** Unsubscribed publishers a program's report can name; more are counted. */
    static final int MAX_TRACKED = 10_000;
    private static final String LATCH_SYNC = "java.util.concurrent.CountDownLatch$Sync";

    static {
        // Every block() subscribes through the last-operator hook: on a program's thread, a gate goes before it.
        reactor.core.publisher.Hooks.onLastOperator(ProgramRunner.class.getName(),
                p -> PROGRAM.get() == null ? p : Gate.around(p));
    }

    private final List<Program> programs = new ArrayList<>();
    private boolean signalled;

    private record Pending(Gate<?> gate, Runnable signal) {
    }

    static final class Program {
        final String node;
        final Thread thread;
        final ProgramRunner runner;
        /** Signals for the program's waits that arose on the kernel's thread, in order, until the next hand-off. */
        final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
        /** Waits the program's thread began: advanced (volatile) after each one's subscription. */
        volatile int generation;
        /** Calls under way that wait on something answering by itself (see {@link #working}). */
        volatile int working;
        volatile @Nullable Throwable failure;
        /** Its node crashed: its end (by NodeCrashedException) is no failure of the run, and nobody waits for it. */
        boolean crashed;

        Program(String node, NodeProgram body, org.qnetstack.api.Node api, ProgramRunner runner) {
            this.node = node;
            this.runner = runner;
            this.thread = new Thread(() -> {
                PROGRAM.set(this);
                try {
                    body.run(api);
                    reportUnsubscribed();
                } catch (Throwable t) {
                    failure = t;
                }
            }, "program-" + node);
            thread.setDaemon(true);
        }

        /**
         * Publishers of the API the program created and has not subscribed to yet, with what subscribing does (at
         * most {@link #MAX_TRACKED}; beyond, only counted).
         */
        private final Map<Object, java.util.function.Supplier<String>> unsubscribed = Collections.synchronizedMap(new IdentityHashMap<>());
        private long untracked;

        void created(Object publisher, java.util.function.Supplier<String> what) {
            if (unsubscribed.size() < MAX_TRACKED) {
                unsubscribed.put(publisher, what);
            } else {
                untracked++;
            }
        }

        void subscribedTo(Object publisher) {
            unsubscribed.remove(publisher);
        }

        /** At the program's end: the publishers it never subscribed to did nothing, which it surely did not mean. */
        private void reportUnsubscribed() {
            if (unsubscribed.isEmpty() && untracked == 0) {
                return;
            }
            List<String> what = new ArrayList<>(unsubscribed.values().stream().map(java.util.function.Supplier::get).toList());
            long count = what.size() + untracked;
            LOG.warn("the program on " + node + " ended with " + count + " publisher(s) it never subscribed to, "
                    + "so they did nothing (nothing sent, measured or made): " + what.subList(0, Math.min(5,
                    what.size())) + (count > 5 ? " and more" : "") + ". Call block() on each, or compose it into the "
                    + "publisher you block on (then, flatMap)");
        }

        /** Queues a signal for the next hand-off. */
        void handOver(Gate<?> gate, Runnable signal) {
            pending.add(new Pending(gate, signal));
            runner.signalled = true;
        }

        void waitsAnew() {
            generation++;
        }
    }

    /** The program whose thread this is, or null. */
    static @Nullable Program program() {
        return PROGRAM.get();
    }

    /** Whether the subscriber is one of Reactor's {@code block()} waits (a count-down latch released by a signal). */
    static boolean isBlocking(Object subscriber) {
        return subscriber instanceof java.util.concurrent.CountDownLatch;
    }

    /**
     * Runs a call that waits on something outside the simulation that answers by itself (a device in another
     * process, reached over the network): while it waits, the program thread is working, not parked, so the
     * runner keeps waiting for it. On any other thread it just runs the call.
     */
    public static <T> T working(java.util.function.Supplier<T> call) {
        Program p = PROGRAM.get();
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
        return PROGRAM.get() != null;
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

    /** Asks the kernel's loop to stop after the current event and call {@link #afterEvent}. */
    void signal() {
        signalled = true;
    }

    /** Starts the program and lets it run until it first waits or ends. */
    void start(String node, NodeProgram body, org.qnetstack.api.Node api) {
        Program p = new Program(node, body, api, this);
        programs.add(p);
        p.thread.start();
        awaitParked(p, 0);
    }

    /**
     * The hand-off point, on the kernel's thread between two events: hands every program the signals queued for
     * it, in order, and whenever one releases the program's wait, lets the program run until it waits again. A
     * program's step may queue signals for another; the loop goes on until no signal is left.
     */
    void afterEvent() {
        if (!signalled) {
            return;
        }
        signalled = false;
        boolean handed = true;
        while (handed) {
            handed = false;
            for (Program p : programs) {
                handed |= handOver(p);
            }
        }
    }

    private static boolean handOver(Program p) {
        if (p.pending.isEmpty()) {
            return false;
        }
        for (Pending next; (next = p.pending.poll()) != null; ) {
            int generation = p.generation;
            boolean wasReleased = next.gate().released();
            next.signal().run();
            if (!wasReleased && next.gate().released()) {
                awaitParked(p, generation); // the program runs now; nothing else may until it waits again
            }
        }
        return true;
    }

    boolean signalledSinceLastCheck() {
        return signalled;
    }

    /** The last subscriber down a subscriber's chain (where a block() waits, if one does). */
    static Scannable terminalOf(Subscriber<?> s) {
        Scannable first = Scannable.from(s);
        return first.actuals().reduce((a, b) -> b).map(x -> (Scannable) x).orElse(first);
    }

    /**
     * Waits until the program has subscribed anew since {@code generation} and parked in a {@code block()}
     * (a count-down latch's wait, with no call of {@link #working} under way), or has ended.
     */
    private static void awaitParked(Program p, int generation) {
        long since = System.nanoTime();
        int spins = 0;
        while (true) {
            if (!p.thread.isAlive()) {
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new SimulationException("interrupted while the program on " + p.node + " ran; the run stopped "
                        + "(the thread's interrupt status is still set): close the network");
            }
            Thread.State state = p.thread.getState();
            boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
            if (waiting && p.working == 0 && p.generation > generation && inLatch(p.thread)) {
                return;
            }
            if ((waiting || state == Thread.State.BLOCKED) && System.nanoTime() - since > STALL_REPORT_NANOS) {
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

    private static boolean inLatch(Thread t) {
        Object blocker = LockSupport.getBlocker(t);
        return blocker != null && blocker.getClass().getName().equals(LATCH_SYNC);
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
