package org.qnetstack.link.internal;

/**
 * What the link layer's engines need of the heralding protocol below them, which serves the slots the link's
 * {@link org.qnetstack.physical.AttemptSource} plans: its slot clock, its progress through the station's
 * sequence numbers, and the calls that make it look at the plan again. {@link HeraldingBelow} is the real one; a
 * test scripts its own to drive one end of a link alone.
 */
interface LinkBelow {
    /** Starts attempting (the first call to the attempt source comes from here). */
    void start();

    /** Stops attempting and releases every qubit held for attempts in flight. */
    void stop();

    /** The plan changed (an item was given up or completed): look at it again now. */
    void reconsider();

    /** There is new work: attempts resume at the first slot the attempt source asks for. */
    void wake();

    /** The peer is gone: every attempt and pair in flight is given up and its qubit freed. */
    void abandonInFlight();

    /** The slot now being or next to be served. */
    long currentSlot();

    long slotNanos();

    /** The station sequence number of the last reply taken in here (accepted or rejected). */
    long lastStationSeq();

    /** Every herald up to this sequence number has been handed up or rejected here. */
    long settledStationSeq();

    /** Attempts made so far. */
    long attempts();

    /** Attempts the device failed to make. */
    long deviceFailures();
}
