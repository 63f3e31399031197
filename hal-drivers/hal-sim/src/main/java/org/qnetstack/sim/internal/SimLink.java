package org.qnetstack.sim.internal;

import java.util.random.RandomGenerator;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.sim.device.DeviceParameters;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.sim.optics.DoubleClickModel;
import org.qnetstack.sim.optics.GenericModel;
import org.qnetstack.sim.optics.LinkOptics;
import org.qnetstack.sim.optics.MidpointSourceModel;
import org.qnetstack.sim.optics.SourceNodeModel;
import org.qnetstack.sim.optics.SingleClickModel;
import org.qnetstack.sim.state.Gates;

/**
 * A simulated single-click link: the fibre from each node to the station at the midpoint, and the
 * attempts in flight. When both ends have emitted in a slot, the attempt is resolved at once: its
 * click pattern is sampled and the spins are given the state that pattern heralds. Deciding at
 * emission time is exact because, by no-signalling, nothing the nodes do to their spins afterwards
 * changes the click statistics; the clicks themselves reach the detectors after the fibre delay.
 */
final class SimLink implements HeraldedLink {
    private final LinkSpec spec;
    private final DeviceParameters paramsA;
    private final DeviceParameters paramsB;
    private final DeviceParameters linkParams;
    private final LinkOptics optics;
    private final long delayToStationA;
    private final long delayToStationB;
    private final long heraldDelay;
    private final long delayBetweenNodes;
    private final long slotNanos;
    private final RandomGenerator random;
    private final SimDetectorController detectors;
    private final SimWorld world;
    private Emission pendingA;
    private Emission pendingB;
    private SimAttemptRun runA;
    private SimAttemptRun runB;
    private org.qnetstack.hal.TimerHandle nextSuccess;
    private long nextSuccessSlot;
    private long sampleFrom;
    private final org.apache.commons.rng.UniformRandomProvider geometricSource;
    private @org.jspecify.annotations.Nullable RandomGenerator eve;

    /**
     * An intercept-resend eavesdropper on this link: she measures node B's half of every heralded pair
     * in a random X or Z basis (and resends what she found), so B's half no longer carries entanglement.
     */
    void interceptResend(RandomGenerator eve) {
        this.eve = eve;
    }

    private void eavesdrop(SimQuantumDevice device, int qubit) {
        if (eve != null) {
            world.engine().measure(device.engineId(qubit), eve.nextBoolean() ? org.qnetstack.hal.Basis.X
                    : org.qnetstack.hal.Basis.Z, eve.nextDouble());
        }
    }
    private long attempts;
    private double cachedAlphaA = Double.NaN;
    private double cachedAlphaB = Double.NaN;
    private SingleClickModel.@org.jspecify.annotations.Nullable Outcomes cached;

    record Emission(SimQuantumDevice device, int qubit, long slot, double alpha, long time) {
    }

    SimLink(LinkSpec spec, DeviceParameters paramsA, DeviceParameters paramsB, DeviceParameters linkParams,
            SimWorld world, RandomGenerator random, SimDetectorController detectors) {
        this.spec = spec;
        this.paramsA = paramsA;
        this.paramsB = paramsB;
        this.linkParams = linkParams;
        this.world = world;
        this.random = random;
        this.detectors = detectors;
        double half = spec.lengthKm() / 2;
        this.optics = LinkOptics.midpoint(paramsA, paramsB, linkParams, spec.lengthKm());
        // Where the heralds are combined, and when: see HeraldingScheme.
        long halfDelay = linkParams.delayOver(half);
        long fullDelay = linkParams.delayOver(spec.lengthKm());
        switch (spec.scheme()) {
            case SOURCE_NODE -> {
                delayToStationA = fullDelay;
                delayToStationB = 0;
                heraldDelay = fullDelay;
            }
            case MIDPOINT_SOURCE -> {
                delayToStationA = halfDelay;
                delayToStationB = halfDelay;
                heraldDelay = 2 * halfDelay;
            }
            default -> {
                delayToStationA = halfDelay;
                delayToStationB = halfDelay;
                heraldDelay = halfDelay;
            }
        }
        this.delayBetweenNodes = linkParams.delayOver(spec.lengthKm());
        long cycle = Math.max(cycle(paramsA), cycle(paramsB));
        // Barrett–Kok needs two emission rounds per attempt; the generic model has its own cycle.
        this.slotNanos = linkParams.linkModel() == DeviceParameters.LinkModel.GENERIC ? Math.max(1, linkParams.cycleTime())
                : spec.scheme() == HeraldingScheme.DOUBLE_CLICK ? 2 * cycle : cycle;
        this.geometricSource = random::nextLong;
    }

    private static long cycle(DeviceParameters p) {
        return Math.max(1, p.initCommunicationDuration() + p.emissionDuration() + p.gateCommunicationDuration()
                + p.measurementDuration());
    }

    @Override
    public LinkSpec spec() {
        return spec;
    }

    @Override
    public long delayToStationNanos(String node) {
        if (!spec.connects(node)) {
            throw new IllegalArgumentException(node + " is not an end of link " + spec.name());
        }
        return node.equals(spec.nodeA()) ? delayToStationA : delayToStationB;
    }

    @Override
    public long heraldDelayNanos() {
        return heraldDelay;
    }

    @Override
    public long delayBetweenNodesNanos() {
        return delayBetweenNodes;
    }

    @Override
    public long slotNanos() {
        return slotNanos;
    }

    @Override
    public double successProbability(double alpha) {
        SingleClickModel.Outcomes o = outcomes(alpha, alpha);
        return o.probability(SingleClickModel.D0) + o.probability(SingleClickModel.D1);
    }

    @Override
    public double[] heraldedState(double alpha) {
        return outcomes(alpha, alpha).normalisedComplexState(SingleClickModel.D0);
    }

    private SingleClickModel.Outcomes outcomes(double alphaA, double alphaB) {
        // A request attempts with one α for thousands of slots: keep the last distribution.
        if (alphaA != cachedAlphaA || alphaB != cachedAlphaB || cached == null) {
            boolean both = alphaA > 0 && alphaB > 0;
            if (linkParams.linkModel() == DeviceParameters.LinkModel.GENERIC) {
                cached = both ? GenericModel.attempt(linkParams) : GenericModel.attempt(0.25, 0);
            } else if (spec.scheme() == HeraldingScheme.DOUBLE_CLICK && both) {
                cached = DoubleClickModel.attempt(optics);
            } else if (spec.scheme() == HeraldingScheme.MIDPOINT_SOURCE || spec.scheme() == HeraldingScheme.SOURCE_NODE) {
                // Both ends take part or nothing can be heralded; α plays no part.
                cached = !both ? GenericModel.attempt(0.25, 0)
                        : spec.scheme() == HeraldingScheme.MIDPOINT_SOURCE
                        ? MidpointSourceModel.attempt(paramsA, paramsB, linkParams, spec.lengthKm())
                        : SourceNodeModel.attempt(paramsA, paramsB, linkParams, spec.lengthKm());
            } else {
                cached = SingleClickModel.attempt(alphaA, alphaB, optics);
            }
            cachedAlphaA = alphaA;
            cachedAlphaB = alphaB;
        }
        return cached;
    }

    @Override
    public double maxAlpha() {
        return 0.5;
    }

    @Override
    public long detectionWindowPs() {
        return linkParams.detectionWindow() * 1000;
    }

    /** Number of attempts resolved so far (slots in which at least one end emitted). */
    long attempts() {
        return attempts;
    }

    void register(SimQuantumDevice device, int qubit, long slot, double alpha) {
        Emission e = new Emission(device, qubit, slot, alpha, world.kernel().nanos());
        device.markPending(qubit, this);
        boolean isA = device.node().equals(spec.nodeA());
        Emission other = isA ? pendingB : pendingA;
        Emission mine = isA ? pendingA : pendingB;
        if (mine != null) {
            resolve(isA ? mine : null, isA ? null : mine); // our previous attempt found no partner
        }
        if (other != null && other.slot == slot) {
            resolve(isA ? e : other, isA ? other : e);
            return;
        }
        if (other != null) {
            resolve(isA ? null : other, isA ? other : null);
        }
        if (isA) {
            pendingA = e;
        } else {
            pendingB = e;
        }
        // The partner emits in the same instant if it attempts this slot; settle after that instant's events.
        world.kernel().post(0, () -> {
            if (pendingA == e || pendingB == e) {
                resolve(isA ? e : null, isA ? null : e);
            }
        });
    }

    /** Resolves a pending emission of this qubit, if any, before the qubit is touched. */
    void settle(SimQuantumDevice device, int qubit) {
        if (pendingA != null && pendingA.device == device && pendingA.qubit == qubit) {
            resolve(pendingA, null);
        } else if (pendingB != null && pendingB.device == device && pendingB.qubit == qubit) {
            resolve(null, pendingB);
        }
    }

    private void resolve(Emission a, Emission b) {
        if (a != null) {
            a.device.clearPending(a.qubit);
            if (pendingA == a) {
                pendingA = null;
            }
        }
        if (b != null) {
            b.device.clearPending(b.qubit);
            if (pendingB == b) {
                pendingB = null;
            }
        }
        attempts++;
        SingleClickModel.Outcomes o = outcomes(a == null ? 0 : a.alpha, b == null ? 0 : b.alpha);
        int pattern = o.sample(random.nextDouble());
        double[] rho = o.unnormalisedState(pattern);
        double p = o.probability(pattern);
        if (pattern == SingleClickModel.D0 || pattern == SingleClickModel.D1) {
            if (a != null && b != null) {
                world.engine().setState(new int[] {a.device.engineId(a.qubit), b.device.engineId(b.qubit)},
                        o.normalisedComplexState(pattern));
                world.paired(a.device, a.qubit, b.device, b.qubit);
                eavesdrop(b.device, b.qubit);
            } else {
                // One end alone clicked (a dark count, or the lone emitter's photon): no pair, a mixture.
                prepareBasisState(a, b, rho, p);
            }
        } else {
            prepareBasisState(a, b, rho, p);
        }
        long emitted = a != null ? a.time : b.time;
        detectors.deliverAfter(emitted + heraldDelay - world.kernel().nanos(), pattern);
    }

    /**
     * Without a single click the spins' state is diagonal: the coherences of the two detectors' terms
     * cancel. A mixture of basis states is the same ensemble as one basis state drawn with its weight, so
     * drawing it here is exact and spares a two-qubit state on every failed attempt.
     */
    private void prepareBasisState(Emission a, Emission b, double[] rho, double p) {
        double u = random.nextDouble() * p;
        int index = 3;
        double cumulative = 0;
        for (int i = 0; i < 3; i++) {
            cumulative += rho[5 * i];
            if (u < cumulative) {
                index = i;
                break;
            }
        }
        if (a != null) {
            setBasis(a, index >> 1);
        }
        if (b != null) {
            setBasis(b, index & 1);
        }
    }

    private void setBasis(Emission e, int bit) {
        int id = e.device.engineId(e.qubit);
        world.engine().reset(id);
        if (bit == 1) {
            world.engine().apply(id, Gates.X);
        }
    }

    // ---- attempt runs: failures skipped, successes exact

    SimAttemptRun startRun(SimQuantumDevice device, int qubit, long first, int stride, double alpha,
                           java.util.function.LongFunction<org.qnetstack.hal.MeasurementAxis> axes) {
        if (first < world.kernel().nanos() / slotNanos) {
            throw new IllegalArgumentException("a run cannot start in a past slot (" + first + ")");
        }
        SimAttemptRun run = new SimAttemptRun(this, device, qubit, first, stride, alpha, axes);
        boolean isA = device.node().equals(spec.nodeA());
        SimAttemptRun old = isA ? runA : runB;
        if (old != null && old.stop > first) {
            stopRun(old, first);
        }
        if (isA) {
            runA = run;
        } else {
            runB = run;
        }
        sampleFrom = Math.max(sampleFrom, first);
        resample();
        return run;
    }

    void stopRun(SimAttemptRun run, long slot) {
        if (slot >= run.stop) {
            return;
        }
        run.stop = Math.max(slot, run.first);
        run.accountAttemptsBefore(run.stop);
        if (nextSuccess != null && nextSuccessSlot >= run.stop && (run == runA || run == runB)) {
            nextSuccess.cancel();
            nextSuccess = null;
        }
        resample();
    }

    /**
     * With both ends attempting in the same slots, the number of failures before the next success is
     * geometric with the per-attempt success probability: draw it and schedule only the success.
     * Nothing else depends on the individual failures (their photons heralded nothing and their
     * spins are re-initialised), so this is exact; memory decay over the skipped time is applied
     * lazily, like any other elapsed time.
     */
    private void resample() {
        if (nextSuccess != null && nextSuccess.isPending()) {
            return;
        }
        nextSuccess = null;
        if (runA == null || runB == null || runA.stride != runB.stride
                || Math.floorMod(runA.first - runB.first, runA.stride) != 0) {
            return; // the ends do not attempt in the same slots: no heralds
        }
        int stride = runA.stride;
        long from = Math.max(Math.max(runA.first, runB.first), sampleFrom);
        from = runA.first + ceilDiv(from - runA.first, stride) * stride;
        long stop = Math.min(runA.stop, runB.stop);
        long nowSlot = ceilDiv(world.kernel().nanos(), slotNanos);
        if (from < nowSlot) {
            from = runA.first + ceilDiv(nowSlot - runA.first, stride) * stride;
        }
        if (from >= stop) {
            return;
        }
        SingleClickModel.Outcomes o = outcomes(runA.alpha, runB.alpha);
        double p = o.probability(SingleClickModel.D0) + o.probability(SingleClickModel.D1);
        if (p <= 0) {
            return;
        }
        long failures = p >= 1 ? 0 : org.apache.commons.rng.sampling.distribution.GeometricSampler
                .of(geometricSource, p).sample();
        long slot = from + failures * stride;
        if (failures > (stop - from) / stride || slot >= stop) {
            return;
        }
        SimAttemptRun a = runA;
        SimAttemptRun b = runB;
        nextSuccessSlot = slot;
        nextSuccess = world.kernel().scheduleAt(slot * slotNanos, () -> succeed(slot, a, b, o, p));
    }

    private static long ceilDiv(long x, long y) {
        return Math.floorDiv(x + y - 1, y);
    }

    private void succeed(long slot, SimAttemptRun a, SimAttemptRun b, SingleClickModel.Outcomes o, double p) {
        nextSuccess = null;
        attempts++;
        a.accountAttemptsBefore(slot + 1);
        b.accountAttemptsBefore(slot + 1);
        int pattern = random.nextDouble() * p < o.probability(SingleClickModel.D0)
                ? SingleClickModel.D0 : SingleClickModel.D1;
        world.engine().setState(new int[] {a.device.engineId(a.qubit), b.device.engineId(b.qubit)},
                o.normalisedComplexState(pattern));
        a.device.stateSetNow(a.qubit);
        b.device.stateSetNow(b.qubit);
        world.paired(a.device, a.qubit, b.device, b.qubit);
        eavesdrop(b.device, b.qubit);
        for (SimAttemptRun run : new SimAttemptRun[] {a, b}) {
            if (run.keep()) {
                run.stop = slot + 1; // the qubit now holds the pair
            } else {
                org.qnetstack.hal.MeasurementAxis axis = run.axes.apply(slot);
                run.record(slot, new org.qnetstack.hal.AttemptRun.SlotMeasurement(axis,
                        run.device.measure(run.qubit, axis).outcome()));
            }
        }
        detectors.deliverAfter(heraldDelay, pattern);
        sampleFrom = slot + 1;
        resample();
    }

    DeviceParameters parametersA() {
        return paramsA;
    }

    DeviceParameters parametersB() {
        return paramsB;
    }
}
