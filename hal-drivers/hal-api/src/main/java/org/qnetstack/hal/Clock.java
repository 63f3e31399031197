package org.qnetstack.hal;

/** A source of time in nanoseconds. In simulation it is virtual time; on hardware, the node's clock. */
@FunctionalInterface
public interface Clock {
    /** Nanoseconds since the start of the world (simulation) or since an arbitrary fixed origin. */
    long nanos();
}
