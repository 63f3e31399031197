package org.qnetstack.physical;

/** The midpoint heralding protocol's messages. */
final class HeraldingMessages {
    static final String NODE_PROTOCOL = "mhp";
    static final String STATION_PROTOCOL = "mhp-station";

    private HeraldingMessages() {
    }

    /** Sent by a node with its photon: it attempts in this slot for this queue item. */
    record Gen(String link, long slot, long queueItem, String node) {
    }

    /** Sent by a node whose device attempts by itself: every stride-th slot from the first, for this item. */
    record GenRun(String link, long firstSlot, int stride, long queueItem, String node) {
    }

    /** Sent by a node: its run stops attempting from this slot on. */
    record GenStop(String link, long slot, String node) {
    }

    /** The station's verdict, to both ends. */
    record Reply(String link, long seq, long slot, HeraldOutcome outcome, long queueItemA, long queueItemB) {
    }
}
