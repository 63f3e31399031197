package org.qnetstack.physical;

import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.LinkSpec;

/**
 * One heralded link as the physical layer shows it to the layers above: its spec, its timing, and the model of an
 * attempt they plan with (success probability and fidelity of a herald at bright-state population α). A view of
 * the HAL's {@link HeraldedLink}, so that no layer above the physical one holds the device interface; the
 * heralding protocol on the link is started by {@link PhysicalLayer#heralding}.
 */
public final class LinkModel {
    private final HeraldedLink link;

    /** The model of the HAL's link: on hardware from calibration, in simulation from the device and fibre. */
    public LinkModel(HeraldedLink link) {
        if (link == null) {
            throw new IllegalArgumentException("link: required");
        }
        this.link = link;
    }

    public LinkSpec spec() {
        return link.spec();
    }

    public String name() {
        return link.name();
    }

    /** From the start of a slot until the station's detectors report that slot's herald, in ns. */
    public long heraldDelayNanos() {
        return link.heraldDelayNanos();
    }

    /** One-way classical delay between the two end nodes over the link's fibre, in ns. */
    public long delayBetweenNodesNanos() {
        return link.delayBetweenNodesNanos();
    }

    /** The attempt period both ends use, in ns. */
    public long slotNanos() {
        return link.slotNanos();
    }

    /** The largest bright-state population α the hardware allows. */
    public double maxAlpha() {
        return link.maxAlpha();
    }

    /** Success probability of one attempt at bright-state population α. */
    public double successProbability(double alpha) {
        return link.successProbability(alpha);
    }

    /** Fidelity of a heralded pair to its Bell state at the moment of the herald, at bright-state population α. */
    public double heraldedFidelity(double alpha) {
        return link.heraldedFidelity(alpha);
    }

    /**
     * Slots between two attempts for kept pairs: the communication qubit waits for the station's reply before
     * it attempts again ({@link HeraldingNode#keepAttemptSlots}).
     */
    public long keepAttemptSlots() {
        return HeraldingNode.keepAttemptSlots(link);
    }

    HeraldedLink heralded() {
        return link;
    }
}
