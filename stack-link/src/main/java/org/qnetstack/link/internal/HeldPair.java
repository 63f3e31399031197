package org.qnetstack.link.internal;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.link.internal.LinkMessages.Verdict;
import org.qnetstack.physical.HeraldedPair;

/** This end's half of a heralded pair, from its herald until it is handed up or released. */
final class HeldPair {
    final HeraldedPair pair;
    final QueueItem item;
    /** The master's decision; null until it is known here. */
    @Nullable Verdict verdict;
    @Nullable Basis testBasis;
    double goodness;
    /** Master: gives up waiting for the other end's HOLD. */
    @Nullable TimerHandle confirmWait;

    HeldPair(HeraldedPair pair, QueueItem item) {
        this.pair = pair;
        this.item = item;
    }

    void cancelConfirmWait() {
        if (confirmWait != null) {
            confirmWait.cancel();
        }
    }
}
