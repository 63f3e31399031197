package org.qnetstack.transport;

/**
 * What one node's transport did with classical messages so far. A rejected frame is never delivered and
 * never acknowledged; the reasons are counted apart because they point at different causes.
 *
 * @param sent          messages the node's applications handed to the transport
 * @param delivered     messages handed to a listener, each exactly once and in order
 * @param retransmitted frames sent again because their acknowledgement was late
 * @param replayed      authenticated data frames already seen: a network duplicate, a retransmission that crossed
 *                      its acknowledgement, a frame of a stream given up, or a replay by an attacker; the receiver
 *                      cannot tell these apart and drops them all
 * @param tampered      frames whose header authenticates but whose payload does not: altered on the way
 * @param forged        frames and acknowledgements whose tag is wrong, or from a node with which this one
 *                      shares no key: not made by the key's holder
 * @param malformed     messages that are not transport frames, frames with impossible fields, and
 *                      authenticated payloads that do not decode
 * @param unlistened    messages that arrived on a channel nobody listened on (held for a listener)
 * @param unlistenedDropped messages dropped because too many were already held for their channel
 * @param streamsFailed streams given up because a message stayed unacknowledged too long
 * @param unconfirmed   messages of failed streams that were never acknowledged
 */
public record TransportCounters(long sent, long delivered, long retransmitted, long replayed, long tampered,
        long forged, long malformed, long unlistened, long unlistenedDropped, long streamsFailed, long unconfirmed) {
    /** Frames refused for being tampered, forged or malformed (replays excluded: most are benign duplicates). */
    public long rejected() {
        return tampered + forged + malformed;
    }
}
