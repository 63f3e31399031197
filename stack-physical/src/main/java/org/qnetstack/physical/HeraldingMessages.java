package org.qnetstack.physical;

/**
 * The midpoint heralding protocol's messages. Runs are named by a number that grows per node, so that
 * a late or repeated run message never undoes a newer one; run-mode replies are acknowledged by the
 * nodes because the station sends them again until they are.
 */
final class HeraldingMessages {
    static final String NODE_PROTOCOL = "mhp";
    static final String STATION_PROTOCOL = "mhp-station";

    private HeraldingMessages() {
    }

    /** Sent by a node with its photon: it attempts in this slot for this queue item. */
    record Gen(String link, long slot, long queueItem, String node) {
    }

    /** Sent by a node whose device attempts by itself: run {@code runId}, every stride-th slot from the first, for this item. */
    record GenRun(String link, long runId, long firstSlot, int stride, long queueItem, String node) {
    }

    /** Sent by a node (again until acknowledged): its run {@code runId} stops attempting from this slot on. */
    record GenStop(String link, long runId, long slot, String node) {
    }

    /** The station's acknowledgement of a {@link GenRun} ({@code stop} false) or a {@link GenStop} (true). */
    record RunAck(String link, long runId, boolean stop) {
    }

    /** The station's verdict, to both ends. */
    record Reply(String link, long seq, long slot, HeraldOutcome outcome, long queueItemA, long queueItemB) {
    }

    /** A node's acknowledgement of a run-mode {@link Reply}. */
    record ReplyAck(String link, long seq, String node) {
    }
}
