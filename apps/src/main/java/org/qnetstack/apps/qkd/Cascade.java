package org.qnetstack.apps.qkd;

import org.qnetstack.apps.qkd.internal.CascadeRun;

/**
 * Bob's side of the Cascade error-correction protocol (G. Brassard and L. Salvail, "Secret-key
 * reconciliation by public discussion", EUROCRYPT '93). In each pass the key, in that pass's order, is cut
 * into blocks; a block whose parity differs from Alice's holds an odd number of errors and a binary search
 * (BINARY) finds one of them. Fixing it flips the parity of the block containing that bit in every earlier
 * pass, so those blocks are searched again: the cascade, or back-tracking, that gives the protocol its name
 * and makes it find most errors that sit in pairs.
 *
 * <p>Two refinements that disclose nothing extra: every parity Alice has revealed is remembered, so a
 * search that revisits a block starts from the smallest sub-block already known to be odd; and all searches
 * that can proceed independently are batched into one round trip, so the number of rounds grows with the
 * block sizes' logarithm rather than with the number of errors.
 */
public final class Cascade {
    private Cascade() {
    }

    /** Corrects {@code bobKey} towards Alice's by querying her through {@code alice}. */
    public static CascadeResult reconcile(BitString bobKey, CascadeSchedule schedule, ParityChannel alice) {
        if (bobKey.length() != schedule.length()) {
            throw new IllegalArgumentException("key of " + bobKey.length() + " bits for a schedule of "
                    + schedule.length());
        }
        return new CascadeRun(bobKey, schedule, alice).run();
    }
}
