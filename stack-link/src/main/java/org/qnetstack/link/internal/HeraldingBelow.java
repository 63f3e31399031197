package org.qnetstack.link.internal;

import org.qnetstack.physical.HeraldingNode;

/** The heralding protocol below a link end, as the link's engines see it. */
final class HeraldingBelow implements LinkBelow {
    private final HeraldingNode heralding;

    HeraldingBelow(HeraldingNode heralding) {
        this.heralding = heralding;
    }

    @Override
    public void start() {
        heralding.start();
    }

    @Override
    public void stop() {
        heralding.stop();
    }

    @Override
    public void reconsider() {
        heralding.reconsider();
    }

    @Override
    public void wake() {
        heralding.wake();
    }

    @Override
    public void abandonInFlight() {
        heralding.abandonInFlight();
    }

    @Override
    public long currentSlot() {
        return heralding.currentSlot();
    }

    @Override
    public long slotNanos() {
        return heralding.slotNanos();
    }

    @Override
    public long lastStationSeq() {
        return heralding.lastStationSeq();
    }

    @Override
    public long settledStationSeq() {
        return heralding.settledStationSeq();
    }

    @Override
    public long attempts() {
        return heralding.stats().attempts();
    }

    @Override
    public long deviceFailures() {
        return heralding.stats().deviceFailures();
    }
}
