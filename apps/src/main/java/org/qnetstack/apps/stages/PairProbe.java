package org.qnetstack.apps.stages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.EprException;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.Node;

/**
 * The sacrificed pair rounds between two end nodes, as the two nodes' programs: kept pairs measured at both
 * ends in Z, X or Y (the round's index says which, so no basis travels), either at once or after both ends
 * held them for a storage time; a classical round trip for the message time. The second node sends its
 * outcomes to the first, which judges them against the Bell state the network announced. Only the public
 * API is used, so the same programs run on hardware.
 */
public final class PairProbe {
    /** Classical channel of the probe's messages; applications use low channels. */
    public static final int CHANNEL = 20;
    /** Socket id of the probe's pairs. */
    public static final int SOCKET = 20;

    private PairProbe() {
    }

    /** Which rounds to run. */
    public record Rounds(int immediate, int perStorageTime, List<Long> storageNanos) {
        public Rounds {
            storageNanos = List.copyOf(storageNanos);
        }

        int total() {
            return 3 * immediate + 3 * perStorageTime * storageNanos.size();
        }

        /** Storage time of round r (0 for the immediate rounds) and its basis. */
        long heldNanos(int r) {
            return r < 3 * immediate ? 0 : storageNanos.get((r - 3 * immediate) / (3 * perStorageTime));
        }
    }

    /** The first node's program: asks for the pairs, times them, gathers both ends' outcomes. Blocks. */
    public static PairEvidence first(Node node, String peer, Rounds rounds, double minFidelity) {
        ClassicalSocket channel = node.classicalSocket(peer, CHANNEL);
        long sent = node.nanos();
        channel.send("ping").block();
        channel.recv().block();
        long messageNanos = (node.nanos() - sent) / 2;
        Outcomes mine = new Outcomes(rounds.total());
        long start = node.nanos();
        long[] last = {start};
        String problem = null;
        try (EprSocket socket = node.eprSocket(peer, SOCKET).minFidelity(minFidelity)) {
            // The sequential mode: each pair is measured before the next is asked for, one qubit at a time. (A blocking
            // request per pair lets the program's next request race the stack's delivery of the last one.)
            socket.createKeepEach(rounds.total(), pair -> {
                if (mine.size() < 3 * rounds.immediate()) {
                    last[0] = node.nanos();
                }
                mine.add(pair, measure(node, pair, rounds, mine.size()));
            });
        } catch (EprException e) {
            problem = e.getMessage();
        }
        channel.send(mine.bellIndices()).block();
        int[] theirBell = (int[]) channel.recv().block();
        int[] theirs = (int[]) channel.recv().block();
        if (problem == null && theirs.length != mine.size()) {
            problem = peer + " reported " + theirs.length + " outcomes for " + mine.size() + " pairs";
        }
        int n = Math.min(theirs.length, mine.size());
        long[][] errors = new long[1 + rounds.storageNanos().size()][3];
        long[][] trials = new long[errors.length][3];
        for (int r = 0; r < n; r++) {
            int batch = r < 3 * rounds.immediate() ? 0 : 1 + (r - 3 * rounds.immediate()) / (3 * rounds.perStorageTime());
            int b = r % 3;
            trials[batch][b]++;
            boolean agreed = theirBell[r] == mine.bell[r];
            int parity = mine.outcome[r] ^ theirs[r];
            errors[batch][b] += !agreed || parity != expectedParity(mine.bell[r], b) ? 1 : 0;
        }
        List<PairEvidence.StoragePoint> storage = new ArrayList<>();
        for (int s = 0; s < rounds.storageNanos().size(); s++) {
            storage.add(new PairEvidence.StoragePoint(rounds.storageNanos().get(s), proportions(errors[s + 1],
                    trials[s + 1])));
        }
        long immediatePairs = Math.min(n, 3L * rounds.immediate());
        return new PairEvidence(node.name(), peer, problem, proportions(errors[0], trials[0]), immediatePairs,
                last[0] - start, messageNanos, storage);
    }

    /** The second node's program: receives the pairs, measures them as the first does, sends its outcomes. */
    public static void second(Node node, String peer, Rounds rounds) {
        ClassicalSocket channel = node.classicalSocket(peer, CHANNEL);
        channel.send(channel.recv().block()).block();
        Outcomes mine = new Outcomes(rounds.total());
        try (EprSocket socket = node.eprSocket(peer, SOCKET)) {
            socket.recvKeepEach(rounds.total(), pair -> mine.add(pair, measure(node, pair, rounds, mine.size())));
        } catch (EprException e) {
            // the first node's request failed too and says why; the outcomes so far still go back
        }
        channel.recv().block(); // the first node's Bell indices: it compares, this end only reports
        channel.send(mine.bellIndices()).block();
        channel.send(mine.outcomes()).block();
    }

    private static int measure(Node node, EprPair pair, Rounds rounds, int round) {
        long held = rounds.heldNanos(round);
        if (held > 0) {
            node.sleep(Duration.ofNanos(held)).block();
        }
        return pair.qubit().measure(NodeProbe.BELL_BASES[round % 3]).block();
    }

    /**
     * The parity of Z–Z, X–X or Y–Y outcomes (b = 0, 1, 2) the Bell state with this index gives: ⟨ZZ⟩ = +1 for Φ±,
     * ⟨XX⟩ = +1 for Φ+ and Ψ+, ⟨YY⟩ = +1 for Φ− and Ψ+ (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−).
     */
    public static int expectedParity(int bellIndex, int basis) {
        return switch (basis) {
            case 0 -> bellIndex <= 1 ? 0 : 1;
            case 1 -> bellIndex == 0 || bellIndex == 2 ? 0 : 1;
            default -> bellIndex == 1 || bellIndex == 2 ? 0 : 1;
        };
    }

    private static List<Proportion> proportions(long[] errors, long[] trials) {
        List<Proportion> list = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            list.add(Proportion.of(errors[b], trials[b]));
        }
        return list;
    }

    /** One end's outcomes and the Bell indices it was told, in the order of the pairs. */
    private static final class Outcomes {
        final int[] bell;
        final int[] outcome;
        private int size;

        Outcomes(int capacity) {
            bell = new int[capacity];
            outcome = new int[capacity];
        }

        void add(EprPair pair, int value) {
            bell[size] = pair.bellIndex();
            outcome[size] = value;
            size++;
        }

        int size() {
            return size;
        }

        int[] bellIndices() {
            return java.util.Arrays.copyOf(bell, size);
        }

        int[] outcomes() {
            return java.util.Arrays.copyOf(outcome, size);
        }
    }
}
