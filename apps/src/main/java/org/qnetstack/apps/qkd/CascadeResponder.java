package org.qnetstack.apps.qkd;

import java.util.List;
import org.qnetstack.apps.qkd.internal.Bits;

/**
 * Alice's side of Cascade: answers Bob's parity queries from her key and counts what she disclosed. It is
 * the {@link ParityChannel} for an in-memory run, and what a network implementation calls on Alice's node
 * with each batch it receives. Her key never changes, so her parities need no state beyond the pass
 * orders, built on first use.
 */
public final class CascadeResponder implements ParityChannel {
    private final long[] key;
    private final CascadeSchedule schedule;
    private final long[][] ordered;
    private long disclosedBits;
    private int rounds;

    public CascadeResponder(BitString aliceKey, CascadeSchedule schedule) {
        if (aliceKey.length() != schedule.length()) {
            throw new IllegalArgumentException("key of " + aliceKey.length() + " bits for a schedule of "
                    + schedule.length());
        }
        this.key = aliceKey.toLongArray();
        this.schedule = schedule;
        this.ordered = new long[schedule.passes()][];
    }

    @Override
    public synchronized BitString parities(List<ParityQuery> queries) {
        long[] answers = new long[Bits.words(queries.size())];
        for (int i = 0; i < queries.size(); i++) {
            ParityQuery q = queries.get(i);
            schedule.check(q);
            if (Bits.parity(order(q.pass()), q.from(), q.to()) == 1) {
                Bits.set(answers, i);
            }
        }
        disclosedBits += queries.size();
        rounds++;
        return BitString.ofWords(answers, queries.size());
    }

    /** Parities answered so far: the bits Cascade leaked from Alice's side. */
    public synchronized long disclosedBits() {
        return disclosedBits;
    }

    public synchronized int rounds() {
        return rounds;
    }

    private long[] order(int pass) {
        if (ordered[pass] == null) {
            ordered[pass] = Bits.gather(key, schedule.permutation(pass));
        }
        return ordered[pass];
    }
}
