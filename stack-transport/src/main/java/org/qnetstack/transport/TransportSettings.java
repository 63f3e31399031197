package org.qnetstack.transport;

import org.qnetstack.hal.ConfigurationException;

/**
 * How the transport carries classical messages: each stream (one channel to one remote node) keeps up to
 * {@code window} messages unacknowledged, sends each again with doubling waits until it is acknowledged, and
 * gives the stream up when one of them stays unacknowledged for {@code giveUpNanos}.
 *
 * @param window         messages in flight per stream; the receiver buffers up to this many out of order
 * @param rtoNanos       the first wait for an acknowledgement, in ns; 0 means three one-way delays of the path
 * @param maxBackoff     the longest wait, in multiples of the first (≥ 1): bridges outages without flooding
 * @param giveUpNanos    how long a message may stay unacknowledged before its stream fails, in ns
 * @param queueLimit     messages a stream may queue behind a full window before {@code send} refuses more
 * @param holdPerChannel messages kept for a channel nobody listens on yet; more are dropped and counted
 */
public record TransportSettings(int window, long rtoNanos, int maxBackoff, long giveUpNanos, int queueLimit,
        int holdPerChannel) {
    /** 64 in flight, waits from three path delays up to 64 times that, give up after 10 s. */
    public static final TransportSettings DEFAULT = new TransportSettings(64, 0, 64, 10_000_000_000L, 100_000, 100_000);

    public TransportSettings {
        positive("window", window);
        if (rtoNanos < 0) {
            throw new ConfigurationException("rtoNanos", "must be ≥ 0 (0: from the path's delay) (was " + rtoNanos + ")");
        }
        positive("maxBackoff", maxBackoff);
        if (giveUpNanos <= 0) {
            throw new ConfigurationException("giveUpNanos", "must be > 0 (was " + giveUpNanos + ")");
        }
        positive("queueLimit", queueLimit);
        positive("holdPerChannel", holdPerChannel);
    }

    public TransportSettings withWindow(int window) {
        return new TransportSettings(window, rtoNanos, maxBackoff, giveUpNanos, queueLimit, holdPerChannel);
    }

    public TransportSettings withGiveUpNanos(long giveUpNanos) {
        return new TransportSettings(window, rtoNanos, maxBackoff, giveUpNanos, queueLimit, holdPerChannel);
    }

    private static void positive(String field, long value) {
        if (value < 1) {
            throw new ConfigurationException(field, "must be ≥ 1 (was " + value + ")");
        }
    }
}
