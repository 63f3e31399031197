package org.qnetstack.hal;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A timing/detector controller at a heralding station: single-photon detectors behind a time tagger.
 * Commands complete as {@link Mono}s; clicks arrive as a hot {@link Flux} while the controller is
 * armed. Implementations: the simulated controller of {@code hal-sim} and hardware drivers found by
 * URI through {@link Drivers}.
 *
 * <p>Contract (checked by the conformance kit, {@code hal-tck}): commands are lazy (nothing happens
 * until subscription); after {@link #close()} every command fails with {@link IllegalStateException};
 * {@code close()} may be called twice and completes {@link #clicks()}.
 */
public interface DetectorController extends AutoCloseable {
    /** Identification string, e.g. the reply to {@code *IDN?}. */
    String identity();

    int channelCount();

    Mono<Void> arm();

    Mono<Void> disarm();

    boolean isArmed();

    /** Sets the coincidence window in picoseconds. */
    Mono<Void> setCoincidenceWindow(long windowPs);

    long coincidenceWindowPs();

    /** Clicks, in time-tag order, while armed. Subscribers see clicks from the time they subscribe. */
    Flux<ClickEvent> clicks();

    /**
     * Time tags, in ps, up to which every click has been reported: after a watermark {@code w}, no click
     * before {@code w} will come. Empty if the device does not say (the simulated one reports clicks at
     * their time, so it needs none).
     */
    default Flux<Long> watermarks() {
        return Flux.empty();
    }

    Mono<DetectorCounters> counters();

    Mono<Void> resetCounters();

    @Override
    void close();
}
