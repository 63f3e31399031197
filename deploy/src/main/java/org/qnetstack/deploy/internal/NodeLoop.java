package org.qnetstack.deploy.internal;

import org.jspecify.annotations.Nullable;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.SimulationException;
import org.qnetstack.api.stack.NodeStack;
import org.qnetstack.api.stack.ProgramHost;
import org.qnetstack.api.stack.StackNode;
import org.qnetstack.deploy.internal.WorldMessages.AxisAnswer;
import org.qnetstack.deploy.internal.WorldMessages.AxisQuery;
import org.qnetstack.deploy.internal.WorldMessages.DeviceCall;
import org.qnetstack.deploy.internal.WorldMessages.DeviceResult;
import org.qnetstack.deploy.internal.WorldMessages.Task;
import org.qnetstack.deploy.internal.WorldMessages.TaskDone;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.physical.FibreNetwork;
import org.qnetstack.sim.SimulatedPlatform;
import org.qnetstack.hal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's stack in its own process, run task by task as the world service hands them over: the node's
 * loop is this thread; its device, clock and fibres are the world's, reached through {@link WorldLink}.
 */
public final class NodeLoop implements WorldCalls {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLoop.class);
    /** Stray messages from the world and failed tasks, each counted; a few a minute logged. */
    private final RateLimitedLog ignored = RateLimitedLog.warnings(LOG);
    private final RateLimitedLog failedTasks = RateLimitedLog.errors(LOG);
    private final String node;
    private final WorldLink link;
    private final SimulatedPlatform model;
    private final LockstepScheduler scheduler;
    private final RemoteDevice device;
    private final RelayNetwork network;
    private final RemotePlatform platform;
    private final @Nullable NodeProgram program;
    /** Builds the node's stack on the world's devices and clock, sending through the world (keys from the seed). */
    private final NodeStack stack;
    private @Nullable StackNode runtime;
    private @Nullable ProgramHost driver;
    private long taskFailures;
    private long tasks;
    /** This process of the node, as it joined the world. */
    private long incarnation;
    /** Tasks and queries meant for an earlier process of this node, ignored. */
    private long staleMessages;

    /** What ended the node's run. */
    public record Outcome(String note, @Nullable Throwable programFailure, boolean programFinished, long tasks,
                          long taskFailures) {
    }

    public NodeLoop(String node, SimulatedPlatform model, WorldLink link, PayloadCodec codec,
            @Nullable NodeProgram program) {
        this.node = node;
        this.link = link;
        this.model = model;
        this.program = program;
        this.scheduler = new LockstepScheduler(this);
        this.device = new RemoteDevice(this, model.device(node));
        this.network = new RelayNetwork(node, this, codec, FibreNetwork.on(model));
        this.platform = new RemotePlatform(node, model, device, scheduler);
        this.stack = NodeStack.on(platform).classical(network);
    }

    @Override
    public void send(Object message) {
        link.send(message);
    }

    @Override
    public DeviceResult call(DeviceCall call) {
        // A program's own thread may make the call (a gate in its code): it is working, not waiting for the world.
        return ProgramHost.working(() -> exchange(call));
    }

    private DeviceResult exchange(DeviceCall call) {
        link.send(call);
        while (true) {
            Object m = link.next();
            if (m instanceof DeviceResult r) {
                return r;
            }
            if (m instanceof AxisQuery q) {
                if (!forAnotherProcess(q.incarnation(), q)) {
                    answer(q);
                }
            } else {
                ignored.log("{}: ignored {} from the world during a device call", node, m.getClass().getSimpleName());
            }
        }
    }

    private void answer(AxisQuery q) {
        MeasurementAxis axis = device.axis(q.run(), q.slot());
        link.send(new AxisAnswer(axis.theta(), axis.phi()));
    }

    /**
     * A task or query the world sent to an earlier process of this node (the TCP layer kept it while that
     * process was gone) is ignored, unanswered: the world waits for this process's answers only.
     */
    private boolean forAnotherProcess(long addressee, Object m) {
        if (addressee == incarnation) {
            return false;
        }
        staleMessages++;
        // A dead process leaves only a few: the first is worth a warning, the rest a debug line.
        String format = "{}: ignored {} meant for an earlier process of this node ({} so far)";
        if (staleMessages == 1) {
            LOG.warn(format, node, m.getClass().getSimpleName(), staleMessages);
        } else {
            LOG.debug(format, node, m.getClass().getSimpleName(), staleMessages);
        }
        return true;
    }

    /** Joins the world and serves it until it says the run is over. */
    public Outcome run(long incarnation) {
        this.incarnation = incarnation;
        link.send(new WorldMessages.Joined(node, incarnation));
        while (true) {
            Object m = link.next();
            if (m instanceof AxisQuery q) {
                if (!forAnotherProcess(q.incarnation(), q)) {
                    answer(q);
                }
                continue;
            }
            if (!(m instanceof Task task)) {
                ignored.log("{}: ignored {} from the world between tasks", node, m.getClass().getSimpleName());
                continue;
            }
            if (forAnotherProcess(task.incarnation(), task)) {
                continue;
            }
            tasks++;
            scheduler.advanceTo(task.now());
            if (task.kind() == WorldMessages.TaskKind.SHUTDOWN) {
                shutdown();
                link.send(done());
                return new Outcome(task.note() == null ? "" : task.note(), driver == null ? null : driver.failure(),
                        driver != null && driver.finished(), tasks, taskFailures);
            }
            try {
                perform(task);
                if (driver != null) {
                    driver.afterEvent();
                }
            } catch (RuntimeException e) {
                if (e instanceof org.qnetstack.deploy.WorldUnreachableException) {
                    throw e;
                }
                // A fault in one handler must not take the node down: count it, log it, serve on.
                taskFailures++;
                failedTasks.log("{}: {} task failed", node, task.kind(), e);
            }
            link.send(done());
        }
    }

    private TaskDone done() {
        SimulationException failure = driver == null ? null : driver.failure();
        return new TaskDone(program != null, driver != null && driver.finished(),
                failure == null ? null : String.valueOf(failure.getMessage()));
    }

    private void perform(Task task) {
        switch (task.kind()) {
            case INIT -> init();
            case START -> {
                if (driver != null) {
                    driver.start();
                }
            }
            case FIRE -> scheduler.fire(task.timer());
            case DELIVER -> network.deliver(String.valueOf(task.peer()), String.valueOf(task.protocol()),
                    String.valueOf(task.type()), task.json() == null ? new byte[0] : task.json());
            case PEER_DOWN -> requireRuntime().peerDown(String.valueOf(task.peer()));
            case PEER_UP -> requireRuntime().peerUp(String.valueOf(task.peer()));
            case SHUTDOWN -> shutdown();
        }
    }

    private StackNode requireRuntime() {
        if (runtime == null) {
            throw new IllegalStateException("the world sent a task before INIT");
        }
        return runtime;
    }

    private void init() {
        if (runtime != null) {
            LOG.warn("{}: the world asked to build the stack again; kept the one running", node);
            return;
        }
        ProgramHost d = ProgramHost.on(platform);
        StackNode r = stack.build(node, d);
        if (program != null) {
            d.run(r, program);
        }
        runtime = r;
        driver = d;
    }

    private void shutdown() {
        if (driver != null) {
            driver.stop();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Messages from the world that did not decode (counted, dropped). */
    public long malformed() {
        return network.malformed();
    }

    public SimulatedPlatform model() {
        return model;
    }
}
