package org.qnetstack.hal.qdevice.protocol;

import java.util.List;

/** The protocol's constants: see docs/qdevice-protocol.md. */
public final class WireProtocol {
    /** The version this implementation speaks. */
    public static final int VERSION = 1;
    public static final List<Integer> SUPPORTED_VERSIONS = List.of(VERSION);
    /** The longest frame either side sends or accepts, in bytes of UTF-8 with its newline. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Requests a client may have in flight at once on one connection. */
    public static final int MAX_IN_FLIGHT = 256;
    /** Request ids run from 1 to this (2^53 − 1: exact in every language's JSON numbers). */
    public static final long MAX_ID = (1L << 53) - 1;
    /** The longest duration a device may report for one operation, in ns (an hour: anything longer is a bug). */
    public static final long MAX_DURATION_NANOS = 3_600_000_000_000L;

    private WireProtocol() {
    }
}
