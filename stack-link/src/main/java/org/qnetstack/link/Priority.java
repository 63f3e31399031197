package org.qnetstack.link;

/**
 * The class a request is scheduled in. Classes have strict priority, in this order: a slot goes to the
 * first class that has work, so a higher class can starve a lower one. Requests of one class share the
 * link by weighted fair queueing ({@link CreateRequest#weight()}).
 */
public enum Priority {
    /** Requests of the network layer (swapping, distillation): they hold up whole circuits. */
    NETWORK_LAYER,
    /** Create-and-keep requests of applications. */
    CREATE_KEEP,
    /** Measure-directly requests of applications (QKD-like, throughput rather than latency). */
    MEASURE_DIRECTLY;

    /** The class an application request of this type falls in by default. */
    public static Priority defaultFor(RequestType type) {
        return type == RequestType.KEEP ? CREATE_KEEP : MEASURE_DIRECTLY;
    }
}
