package org.qnetstack.apps.qkd.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qnetstack.apps.qkd.BitString;
import org.qnetstack.apps.qkd.CascadeResult;
import org.qnetstack.apps.qkd.CascadeSchedule;
import org.qnetstack.apps.qkd.ParityChannel;
import org.qnetstack.apps.qkd.ParityQuery;

/**
 * One run of Cascade on Bob's side.
 *
 * <p>State: Bob's key in its own order and a copy in each started pass's order (so a block's parity is a
 * word-level popcount and a flip touches one bit per pass); Alice's known parities per pass, keyed by
 * [from, to); a worklist of top-level blocks to examine; and the queries of the blocks waiting for an answer.
 *
 * <p>Invariant between rounds: every block with a known Alice parity whose relative parity is odd lies on the
 * path of a block in the worklist or waiting for an answer. Examining a block walks down from its top-level
 * range: even → done; odd → go to the half known to be odd (the left half's parity is asked for, the right
 * half's follows from the parent's) until a single bit, which is then certainly wrong and is flipped. A flip
 * re-queues the block containing that bit in every started pass. The walk reaches a position whose left half
 * is unknown: that query waits for the next round. Only blocks a flip touches can change their walk, so when
 * the worklist is empty every waiting query is still the right one and they go to Alice as one batch.
 */
public final class CascadeRun {
    private final CascadeSchedule schedule;
    private final ParityChannel alice;
    private final int n;
    private final long[] key;
    private final int[][] order;
    private final int[][] positionIn;
    private final long[][] ordered;
    private final List<ParityMemo> known = new ArrayList<>();
    private final LinkedHashSet<Long> worklist = new LinkedHashSet<>();
    private final Map<Long, ParityQuery> waiting = new LinkedHashMap<>();
    private int started;
    private long leaked;
    private int corrected;
    private int rounds;

    public CascadeRun(BitString bobKey, CascadeSchedule schedule, ParityChannel alice) {
        this.schedule = schedule;
        this.alice = alice;
        this.n = bobKey.length();
        this.key = bobKey.toLongArray();
        int passes = schedule.passes();
        this.order = new int[passes][];
        this.positionIn = new int[passes][];
        this.ordered = new long[passes][];
    }

    public CascadeResult run() {
        for (int pass = 0; pass < schedule.passes(); pass++) {
            start(pass);
            while (true) {
                drainWorklist();
                if (waiting.isEmpty()) {
                    break;
                }
                List<ParityQuery> batch = List.copyOf(waiting.values());
                learn(batch, ask(batch));
                worklist.addAll(waiting.keySet());
                waiting.clear();
            }
        }
        return new CascadeResult(BitString.ofWords(key, n), leaked, corrected, rounds);
    }

    /** Orders the corrected key for the pass, asks all its top-level parities and queues the odd blocks. */
    private void start(int pass) {
        order[pass] = schedule.permutation(pass);
        int[] inverse = new int[n];
        for (int i = 0; i < n; i++) {
            inverse[order[pass][i]] = i;
        }
        positionIn[pass] = inverse;
        ordered[pass] = Bits.gather(key, order[pass]);
        known.add(new ParityMemo());
        started = pass + 1;
        int blocks = schedule.blocks(pass);
        List<ParityQuery> tops = new ArrayList<>(blocks);
        for (int j = 0; j < blocks; j++) {
            tops.add(schedule.block(pass, j));
        }
        BitString answers = ask(tops);
        learn(tops, answers);
        for (int j = 0; j < blocks; j++) {
            ParityQuery top = tops.get(j);
            if (answers.get(j) != (Bits.parity(ordered[pass], top.from(), top.to()) == 1)) {
                worklist.add(blockId(pass, j));
            }
        }
    }

    private void drainWorklist() {
        while (!worklist.isEmpty()) {
            Iterator<Long> first = worklist.iterator();
            long block = first.next();
            first.remove();
            examine(block);
        }
    }

    /** Walks one top-level block down its known parities: done, a flip, or a query to wait for. */
    private void examine(long block) {
        int pass = (int) (block >>> 32);
        ParityQuery top = schedule.block(pass, (int) block);
        ParityMemo alices = known.get(pass);
        long[] bobs = ordered[pass];
        int from = top.from();
        int to = top.to();
        if (alices.get(from, to) == Bits.parity(bobs, from, to)) {
            waiting.remove(block);
            return;
        }
        while (to - from > 1) {
            int mid = from + (to - from + 1) / 2;
            int left = alices.get(from, mid);
            if (left < 0) {
                waiting.put(block, new ParityQuery(pass, from, mid));
                return;
            }
            if (left != Bits.parity(bobs, from, mid)) {
                to = mid;
            } else {
                from = mid;
            }
        }
        waiting.remove(block);
        flip(order[pass][from]);
    }

    private void flip(int bit) {
        Bits.flip(key, bit);
        corrected++;
        for (int pass = 0; pass < started; pass++) {
            int i = positionIn[pass][bit];
            Bits.flip(ordered[pass], i);
            long block = blockId(pass, i / schedule.blockSize(pass));
            waiting.remove(block);
            worklist.add(block);
        }
    }

    private BitString ask(List<ParityQuery> queries) {
        BitString answers = alice.parities(queries);
        if (answers.length() != queries.size()) {
            throw new IllegalStateException("Alice answered " + answers.length() + " of " + queries.size()
                    + " parity queries");
        }
        leaked += queries.size();
        rounds++;
        return answers;
    }

    private void learn(List<ParityQuery> queries, BitString answers) {
        for (int i = 0; i < queries.size(); i++) {
            ParityQuery q = queries.get(i);
            known.get(q.pass()).put(q.from(), q.to(), answers.get(i));
        }
    }

    private static long blockId(int pass, int index) {
        return (long) pass << 32 | index;
    }
}
