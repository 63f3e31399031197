package org.qnetstack.hal.qdevice.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.OperationDurations;
import org.qnetstack.hal.device.AttemptRunRequest;
import org.qnetstack.hal.device.DeviceCapabilities;
import org.qnetstack.hal.device.DeviceEvent;
import org.qnetstack.hal.device.DeviceException;
import org.qnetstack.hal.device.InvalidQubitException;
import org.qnetstack.hal.device.InvalidRequestException;
import org.qnetstack.hal.device.PhotonicInterface;
import org.qnetstack.hal.qdevice.protocol.Message;
import org.qnetstack.hal.qdevice.protocol.Operation;

/**
 * What the driver knows of the device's state, to check requests before they go and the device's words when
 * they come: qubits within the declared count, links among its interfaces, replies that fit their request
 * (an outcome for a measurement and nothing else, a bounded duration, a fresh run id), heralds only for
 * attempts this driver asked for. Not thread-safe: the driver calls it under its lock.
 */
public final class ReplyCheck {
    /** Emitted slots remembered per link for their heralds; older ones are forgotten (a lost herald). */
    private static final int EMISSIONS_KEPT = 4096;
    /** Ended runs remembered for heralds still on their way. */
    private static final int RUNS_KEPT = 256;

    private final DeviceCapabilities device;
    private final long maxDurationNanos;
    private final Map<String, TreeSet<Long>> emitted = new HashMap<>();
    private final Map<Long, Run> runs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Run> eldest) {
            return size() > RUNS_KEPT && eldest.getValue().ended;
        }
    };

    public ReplyCheck(DeviceCapabilities device, long maxDurationNanos) {
        this.device = device;
        this.maxDurationNanos = maxDurationNanos;
    }

    /** Why the request cannot be sent, or null. */
    public @Nullable DeviceException refusal(Operation op, int... qubits) {
        for (int q : qubits) {
            if (q < 0 || q >= device.qubitCount()) {
                return new InvalidQubitException(device.model() + " has qubits 0.." + (device.qubitCount() - 1)
                        + " (was " + q + ")");
            }
        }
        if ((op instanceof Operation.ApplyTwoQubitGate || op instanceof Operation.Move) && qubits[0] == qubits[1]) {
            return new InvalidRequestException("the operation needs two different qubits (both were " + qubits[0]
                    + ")");
        }
        String link = op instanceof Operation.Emit e ? e.link()
                : op instanceof Operation.StartRun r ? r.request().link() : null;
        if (link != null) {
            if (device.photonicInterface(link).isEmpty()) {
                return new InvalidRequestException("no photonic interface on link '" + link + "' (interfaces: "
                        + device.interfaces().stream().map(PhotonicInterface::link).toList() + ")");
            }
            if (!device.isCommunicationQubit(qubits[0])) {
                return new InvalidQubitException("qubit " + qubits[0] + " is a storage qubit: only communication "
                        + "qubits emit");
            }
        }
        return null;
    }

    /** How long the operation should take on the device, in ns, before a reply is late. */
    public long expectedNanos(Operation op, long deviceNow) {
        OperationDurations d = device.durations();
        if (op instanceof Operation.Init) {
            return d.initialization();
        }
        if (op instanceof Operation.ApplyGate || op instanceof Operation.Rotate) {
            return d.singleQubitGate();
        }
        if (op instanceof Operation.ApplyTwoQubitGate) {
            return d.twoQubitGate();
        }
        if (op instanceof Operation.Move) {
            return d.initialization() + 2 * d.twoQubitGate();
        }
        if (op instanceof Operation.Measure) {
            return d.measurement() + 2 * d.singleQubitGate();
        }
        if (op instanceof Operation.Emit) {
            return d.emission();
        }
        if (op instanceof Operation.StopRun s) {
            Run r = runs.get(s.run());
            long slotNanos = r == null ? 0 : device.photonicInterface(r.request.link()).orElseThrow().slotNanos();
            return r == null || s.slot() > Long.MAX_VALUE / slotNanos ? 0
                    : Math.max(0, s.slot() * slotNanos - deviceNow);
        }
        return 0;
    }

    public void sent(Operation op) {
        if (op instanceof Operation.Emit e) {
            TreeSet<Long> slots = emitted.computeIfAbsent(e.link(), k -> new TreeSet<>());
            slots.add(e.slot());
            if (slots.size() > EMISSIONS_KEPT) {
                slots.pollFirst();
            }
        }
    }

    /** The request failed: an emission that did not happen cannot be heralded. */
    public void failed(Operation op) {
        if (op instanceof Operation.Emit e && emitted.containsKey(e.link())) {
            emitted.get(e.link()).remove(e.slot());
        }
    }

    /** Why the reply does not fit its request, or null. */
    public @Nullable String invalid(Operation op, Message.Done done) {
        if (done.duration() > maxDurationNanos) {
            return "a duration of " + done.duration() + " ns, over the bound of " + maxDurationNanos + " ns";
        }
        boolean measure = op instanceof Operation.Measure;
        if (measure && done.outcome() < 0) {
            return "a measurement's reply without an outcome";
        }
        if (!measure && done.outcome() >= 0) {
            return "an outcome in the reply to " + op.wireName();
        }
        boolean start = op instanceof Operation.StartRun;
        if (start && done.run() <= 0) {
            return "a start-run reply without a run id";
        }
        if (start && runs.containsKey(done.run())) {
            return "run id " + done.run() + ", which the device gave before";
        }
        if (!start && done.run() > 0) {
            return "a run id in the reply to " + op.wireName();
        }
        return null;
    }

    /** The request succeeded: remember what it started or stopped. */
    public void completed(Operation op, Message.Done done) {
        if (op instanceof Operation.StartRun s) {
            runs.put(done.run(), new Run(s.request()));
        } else if (op instanceof Operation.StopRun s) {
            Run r = runs.get(s.run());
            if (r != null) {
                r.stop = Math.min(r.stop, Math.max(s.slot(), r.request.firstSlot()));
                r.ended = true;
            }
        }
    }

    /** Why the herald does not fit an attempt this driver asked for, or null (and then it is accounted for). */
    public @Nullable String herald(DeviceEvent.Herald h) {
        if (device.photonicInterface(h.link()).isEmpty()) {
            return "a herald on link '" + h.link() + "', which is not one of the device's interfaces";
        }
        if (h.run() == 0) {
            TreeSet<Long> slots = emitted.get(h.link());
            if (slots == null || !slots.remove(h.slot())) {
                return "a herald for slot " + h.slot() + " on link " + h.link() + ", where nothing was emitted";
            }
            return h.measured() ? "a measured herald for an emission (only measure-directly runs measure)" : null;
        }
        Run r = runs.get(h.run());
        if (r == null) {
            return "a herald for run " + h.run() + ", which the device never started here";
        }
        AttemptRunRequest q = r.request;
        if (!q.link().equals(h.link()) || h.slot() < q.firstSlot() || h.slot() >= r.stop
                || (h.slot() - q.firstSlot()) % q.stride() != 0) {
            return "a herald for slot " + h.slot() + " on link " + h.link() + ", in which run " + h.run()
                    + " made no attempt";
        }
        if (q.keep() == h.measured()) {
            return q.keep() ? "a measured herald for keep run " + h.run()
                    : "a herald without outcome for measure-directly run " + h.run();
        }
        if (h.measured() && !q.axes().contains(h.axis())) {
            return "a herald measured along " + h.axis() + ", not one of run " + h.run() + "'s axes " + q.axes();
        }
        if (q.keep()) {
            r.stop = h.slot() + 1; // a keep run ends at its success
            r.ended = true;
        }
        return null;
    }

    public void clear() {
        emitted.clear();
        runs.clear();
    }

    private static final class Run {
        final AttemptRunRequest request;
        long stop = Long.MAX_VALUE;
        boolean ended;

        Run(AttemptRunRequest request) {
            this.request = request;
        }
    }
}
