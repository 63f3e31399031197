package org.qnetstack.apps.qkd;

/**
 * "What is the parity of your bits at positions [from, to) of pass {@code pass}'s order?" Positions are
 * indices into the pass's permutation ({@link CascadeSchedule#permutation(int)}), so a query is three
 * numbers whatever the block size, and both parties can check it against the schedule.
 */
public record ParityQuery(int pass, int from, int to) {
    public ParityQuery {
        if (pass < 0 || from < 0 || to <= from) {
            throw new IllegalArgumentException("not a block: pass " + pass + " [" + from + ", " + to + ")");
        }
    }

    public int size() {
        return to - from;
    }
}
