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

    /** The station's verdict, to both ends. */
    record Reply(String link, long seq, long slot, HeraldOutcome outcome, long queueItemA, long queueItemB) {
    }
}
