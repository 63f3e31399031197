package org.qnetstack.physical;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.sim.SimulatedPlatform;

/**
 * One heralding end (alice's, on link alice-bob) alone, in the spirit of Netty's {@code EmbeddedChannel}: time
 * moves only when the test advances it ({@link #advanceSlots}), what the end sends the station is captured
 * ({@link #drain}), the test plays the station ({@link #fromStation}) and the link layer above (the plan is
 * what {@link #plan} says; heralds and losses are recorded). The device and the link's timing are the
 * simulator's, so slots and the keep lattice are the real ones; nobody runs the station or bob.
 */
final class EmbeddedHeraldingEnd implements AttemptSource, AutoCloseable {
    static final String LINK = "alice-bob";
    static final String STATION = "alice-bob-station";

    final SimulatedPlatform platform;
    final QubitMemory memory;
    final HeraldingNode end;
    final List<HeraldedPair> heralds = new ArrayList<>();
    final List<long[]> lost = new ArrayList<>();
    /** Everything alice sent, in order, until drained. */
    final CapturingClassicalNetwork network = new CapturingClassicalNetwork(0);
    private long planFrom = -1;
    private long planTo = -1;
    private @Nullable AttemptPlan plan;
    boolean moreWork;

    /** @param steps true for a device that attempts one at a time, false for one that runs attempts itself */
    EmbeddedHeraldingEnd(boolean steps) {
        platform = new SimulatedPlatform(new PlatformSpec(1, List.of(NodeSpec.of("alice", "ideal"),
                NodeSpec.of("bob", "ideal")), List.of(new LinkSpec(LINK, "alice", "bob", 2,
                HeraldingScheme.SINGLE_CLICK, new StationSpec(STATION, StationSpec.SIMULATED_DETECTORS), Map.of())),
                Map.of("attempts", steps ? "step" : "skip")));
        memory = new QubitMemory(platform.device("alice").info());
        end = new HeraldingNode("alice", platform.link(LINK), platform.device("alice"), memory,
                platform.scheduler("alice"), network, this);
        end.start();
    }

    /** Kept pairs (axis null) or measured ones for the queue item, in slots from..to. */
    EmbeddedHeraldingEnd plan(long queueItem, @Nullable MeasurementAxis axis, long from, long to) {
        plan = new AttemptPlan(queueItem, 0.25, axis);
        planFrom = from;
        planTo = to;
        end.wake();
        return this;
    }

    long slotNanos() {
        return platform.link(LINK).slotNanos();
    }

    long keepSlots() {
        return HeraldingNode.keepAttemptSlots(platform.link(LINK));
    }

    /** Runs everything due in the next {@code slots} slots. */
    void advanceSlots(long slots) {
        platform.runUntil(() -> false, slots * slotNanos());
    }

    /** A message from the station, handed in now. */
    void fromStation(Object message) {
        fromStation(STATION, message);
    }

    /** A message on the protocol's port from {@code sender} (the station, or someone posing as it), handed in now. */
    void fromStation(String sender, Object message) {
        if (!network.deliver(sender, "alice", HeraldingNode.protocolFor(LINK), message)) {
            throw new AssertionError("alice does not listen (not started, or stopped)");
        }
    }

    static HeraldingMessages.Reply reply(long seq, long slot, HeraldOutcome outcome, long itemA) {
        return new HeraldingMessages.Reply(LINK, seq, slot, outcome, itemA, 1);
    }

    /** Removes and returns the captured messages of a type, in the order they were sent. */
    <T> List<T> drain(Class<T> type) {
        return network.drain(type).stream().map(e -> type.cast(e.payload())).toList();
    }

    @Override
    public void close() {
        end.stop();
        platform.close();
    }

    // The link layer above, as scripted.

    @Override
    public long nextWorkSlot(long fromSlot) {
        return plan != null && fromSlot <= planTo ? Math.max(fromSlot, planFrom) : -1;
    }

    @Override
    public @Nullable AttemptPlan planFor(long slot) {
        return slot >= planFrom && slot <= planTo ? plan : null;
    }

    @Override
    public MeasurementAxis axisFor(long queueItem) {
        return MeasurementAxis.Z;
    }

    @Override
    public boolean moreWorkAfterOneMore(long queueItem) {
        return moreWork;
    }

    @Override
    public void onHerald(HeraldedPair pair) {
        heralds.add(pair);
    }

    @Override
    public void onHeraldsLost(long fromSeq, long toSeq) {
        lost.add(new long[] {fromSeq, toSeq});
    }
}
