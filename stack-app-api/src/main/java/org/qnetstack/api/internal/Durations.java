package org.qnetstack.api.internal;

import java.time.Duration;
import org.qnetstack.api.ApiMisuseException;

/** Durations given to the API, as the nanoseconds of simulated time the kernel counts in. */
public final class Durations {
    /** The longest duration the simulated clock can count: Long.MAX_VALUE ns, about 292 years. */
    static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * The duration in ns.
     *
     * @throws ApiMisuseException naming the parameter if it is null or longer than the clock can count
     */
    public static long nanos(Duration duration, String parameter) {
        ApiMisuseException.requireNonNull(duration, parameter, "give a java.time.Duration");
        if (duration.compareTo(LONGEST) > 0) {
            throw new ApiMisuseException(parameter, "the simulated clock counts nanoseconds in a long, up to about "
                    + "292 years (" + LONGEST + "); was " + duration + ": give a shorter duration");
        }
        return duration.toNanos();
    }
}
