package org.qnetstack.deploy.internal;

import org.jspecify.annotations.Nullable;
import org.qnetstack.tcp.PayloadTypes;

/**
 * What the world service and a node host say to each other, over one authenticated TCP connection each
 * way (the node dials the world; the world dials the node). The world owns simulated time: it hands a node
 * one {@link Task} at a time and serves that node's device calls, timers and messages until the node says
 * {@link TaskDone}; only then does the world's clock move on. So each node's stack runs on its own loop, in
 * its own process, yet the whole network runs the same events in the same order as in one process.
 *
 * <p>What the world asks of a node names the node's incarnation (its process, from {@link Joined}): the TCP
 * layer keeps what it could not send to a dead process and hands it to the next process of that node, and
 * a task meant for the dead one must not be taken, or answered, by the new one (its TASK-DONE would be
 * taken for that of the task the world waits for, and every later task of the node would go one behind).
 */
public final class WorldMessages {
    /** The protocol name of this conversation on the TCP classical network. */
    public static final String PROTOCOL = "world";
    /** The name the world service goes by on the TCP classical network. */
    public static final String WORLD = "world";

    private WorldMessages() {
    }

    // ---- node → world

    /** A node host (re)started and asks to take part; {@code incarnation} tells its restarts apart. */
    public record Joined(String node, long incarnation) {
    }

    /** Run the node's timer {@code id} after {@code delayNanos} of simulated time. */
    public record TimerSet(long id, long delayNanos) {
    }

    public record TimerCancel(long id) {
    }

    /** Deliver messages for {@code protocol} to this node from now on (or no longer). */
    public record Listen(String protocol, boolean on) {
    }

    /** A classical message from this node, its payload encoded as on the wire (allow-listed type name + JSON). */
    public record Outgoing(String to, String protocol, String type, byte[] json) {
    }

    /**
     * One operation on this node's simulated device. {@code op} names the {@code QuantumDevice} method; the
     * other fields are its arguments, those it does not take left at 0 or null.
     */
    public record DeviceCall(String op, int qubit, int other, @Nullable String name, double x, double y, long slot,
                             long run) {
        static DeviceCall of(String op, int qubit) {
            return new DeviceCall(op, qubit, 0, null, 0, 0, 0, 0);
        }
    }

    /** For a measure-directly attempt run: the axis the node's stack chose for that slot. */
    public record AxisAnswer(double theta, double phi) {
    }

    /** The task is finished; with the state of the node's program, if it runs one. */
    public record TaskDone(boolean programRunning, boolean programFinished, @Nullable String programFailure) {
    }

    // ---- world → node

    /** What a task asks of a node. */
    public enum TaskKind {
        /** Build the node's stack (at the start, or after a restart). */
        INIT,
        /** Start the node's program, if it has one. */
        START,
        /** A timer the node set is due. */
        FIRE,
        /** A classical message arrived for the node. */
        DELIVER,
        /** Another node stopped answering: its process died or is cut off. */
        PEER_DOWN,
        /** That node is back, with a fresh stack. */
        PEER_UP,
        /** The run is over; {@code note} says why. */
        SHUTDOWN
    }

    /**
     * One thing for the node's process {@code incarnation} to do at simulated time {@code now}; the fields its
     * kind does not use are 0 or null. {@code peer} is the sender (DELIVER) or the node concerned (PEER_DOWN,
     * PEER_UP).
     */
    public record Task(long incarnation, TaskKind kind, long now, long timer, @Nullable String peer,
                       @Nullable String protocol, @Nullable String type, byte @Nullable [] json,
                       @Nullable String note) {
        static Task of(long incarnation, TaskKind kind, long now) {
            return new Task(incarnation, kind, now, 0, null, null, null, null, null);
        }
    }

    /** The result of a {@link DeviceCall}; {@code error} names the exception class and message if it failed. */
    public record DeviceResult(long duration, int outcome, double theta, double phi, long run,
                               @Nullable String errorType, @Nullable String error) {
    }

    /**
     * The world needs the axis a measure-directly run of the node's process {@code incarnation} measures along
     * in {@code slot}.
     */
    public record AxisQuery(long incarnation, long run, long slot) {
    }

    /** Every message above, for the TCP classical network's allow-list. */
    public static PayloadTypes types(PayloadTypes base) {
        return base.with("world.joined", Joined.class)
                .with("world.timer", TimerSet.class)
                .with("world.cancel", TimerCancel.class)
                .with("world.listen", Listen.class)
                .with("world.out", Outgoing.class)
                .with("world.call", DeviceCall.class)
                .with("world.axis", AxisAnswer.class)
                .with("world.done", TaskDone.class)
                .with("world.task", Task.class)
                .with("world.task-kind", TaskKind.class)
                .with("world.result", DeviceResult.class)
                .with("world.axis-query", AxisQuery.class);
    }
}
