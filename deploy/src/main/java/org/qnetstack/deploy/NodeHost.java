package org.qnetstack.deploy;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.deploy.internal.NodeLoop;
import org.qnetstack.deploy.internal.PayloadCodec;
import org.qnetstack.deploy.internal.Payloads;
import org.qnetstack.deploy.internal.WorldLink;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.sim.SimulatedPlatform;
import org.qnetstack.tcp.TcpCounters;

/**
 * One node of a network in its own process: its whole stack, on its own event loop, with the program it
 * runs (if any), against its simulated device in the {@link WorldService}. The same program runs unchanged
 * here and in a {@code SimulatedNetwork}.
 *
 * <pre>{@code
 * try (NodeHost alice = NodeHost.open(spec, deployment, "alice", node -> ...)) {
 *     NodeHost.Outcome outcome = alice.run();   // until the world says the run is over
 * }
 * }</pre>
 */
public final class NodeHost implements AutoCloseable {
    /** How long a node waits for word from the world before it gives up on it. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(5);
    private final WorldLink link;
    private final NodeLoop loop;

    /**
     * How the node's run ended.
     *
     * @param note            the world's reason for ending the run
     * @param programFailure  how the node's program failed, or null
     * @param programFinished whether the node's program ran to its end
     * @param tasks           tasks the world handed the node
     * @param taskFailures    tasks whose handler threw (logged; the node served on)
     */
    public record Outcome(String note, @Nullable Throwable programFailure, boolean programFinished, long tasks,
                          long taskFailures) {
    }

    private NodeHost(PlatformSpec spec, DeploymentSpec deployment, String node, @Nullable NodeProgram program,
            Duration patience) {
        SimulatedPlatform model = new SimulatedPlatform(spec);
        try {
            this.link = new WorldLink(node, deployment, DeploymentKeys.worldKey(spec, deployment, node), Payloads.all(), patience);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        this.loop = new NodeLoop(node, model, link, new PayloadCodec(Payloads.stack(), Payloads.MAX_FRAME_BYTES),
                program);
    }

    /**
     * Opens the node's connection to the world (listening at the node's address of the deployment).
     *
     * @param program the node's program, or null for a node that only serves others (a repeater)
     */
    public static NodeHost open(PlatformSpec spec, DeploymentSpec deployment, String node,
            @Nullable NodeProgram program) {
        return open(spec, deployment, node, program, DEFAULT_PATIENCE);
    }

    public static NodeHost open(PlatformSpec spec, DeploymentSpec deployment, String node,
            @Nullable NodeProgram program, Duration patience) {
        return new NodeHost(spec, deployment, node, program, patience);
    }

    /** Joins the world and runs the node on this thread until the world ends the run. */
    public Outcome run() {
        NodeLoop.Outcome o = loop.run(System.nanoTime() ^ ProcessHandle.current().pid() << 32);
        return new Outcome(o.note(), o.programFailure(), o.programFinished(), o.tasks(), o.taskFailures());
    }

    /** The TCP layer's counts for the node's connection. */
    public TcpCounters counters() {
        return link.counters();
    }

    @Override
    public void close() {
        link.close();
        loop.model().close();
    }
}
