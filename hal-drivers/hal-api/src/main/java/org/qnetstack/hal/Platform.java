package org.qnetstack.hal;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * The hardware under a network: every node's device, every link's station and detectors, the event
 * loops, and the random streams. A simulated platform holds one virtual world for all nodes; a
 * hardware platform wraps real drivers. Opened through {@link Drivers#openPlatform}.
 */
public interface Platform extends AutoCloseable {
    PlatformSpec spec();

    /** The event loop of a node or station. In simulation all share one virtual timeline. */
    Scheduler scheduler(String nodeOrStation);

    QuantumDevice device(String node);

    /** The detector controller at the station of the link. */
    DetectorController detectorController(String link);

    HeraldedLink link(String link);

    /**
     * For a simulated platform whose link has an external detector controller (the station's
     * {@link StationSpec#detectors()} is not the simulated one): sends the clicks of that link's photons
     * to the route instead. Platforms whose photons are real cannot.
     *
     * @throws UnsupportedOperationException on a platform that does not simulate photons
     */
    default void routeClicks(String link, ClickRoute route) {
        throw new UnsupportedOperationException("this platform's photons are real: its detectors see them");
    }

    /**
     * A random stream for a named purpose, derived from the platform's seed: the same seed and name
     * give the same stream, different names independent streams.
     */
    RandomGenerator random(String stream);

    /**
     * Events its event loops have run so far, on a platform that counts them (a simulated one: what a
     * benchmark divides by the pairs delivered); empty where events are not counted.
     */
    default OptionalLong dispatchedEvents() {
        return OptionalLong.empty();
    }

    /** The true state, on a simulated platform; empty on hardware. */
    Optional<GroundTruth> groundTruth();

    /**
     * Runs the event loops until the condition holds, nothing is left to do, or {@code maxNanos} of
     * platform time have passed since the call.
     */
    RunOutcome runUntil(BooleanSupplier condition, long maxNanos);

    /** Why {@link #runUntil} returned. */
    enum RunOutcome {
        CONDITION_MET, IDLE, TIME_LIMIT
    }

    @Override
    void close();
}
