package org.qnetstack.examples.stages;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Predicate;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.apps.blind.BlindComputation;
import org.qnetstack.apps.blind.Blindness;
import org.qnetstack.apps.stages.Proportion;
import org.qnetstack.examples.Report;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;

/**
 * {@code blind}: blind computation with traps ({@link BlindComputation}) between a client and a server (the ends of
 * the first link unless {@code --nodes CLIENT,SERVER}): how often the output is right and the traps pass, with
 * their intervals, beside the rates the pairs' fidelities predict, and the χ² p-values that the server's view
 * (the first angle, the last outcome) is independent of the client's input.
 */
public final class BlindCommand {
    static final int DEFAULT_RUNS = 400;
    static final double MIN_FIDELITY = 0.8;

    /** The figures of a run of many blind computations. */
    public record Result(long seed, String client, String server, int runs, Proportion correct,
                         double predictedCorrect, Proportion trapsPassed, double predictedTrapsPassed,
                         double blindnessPFirstAngle, double blindnessPLastOutcome, double simulatedSeconds) {
    }

    private BlindCommand() {
    }

    public static Result run(StagesCli.Options options, PrintStream out) {
        PlatformSpec spec = options.example().network();
        LinkSpec link = spec.links().get(0);
        List<String> ends = options.nodes().isEmpty() ? List.of(link.nodeA(), link.nodeB()) : options.nodes();
        if (ends.size() != 2) {
            throw new IllegalArgumentException("--nodes takes CLIENT,SERVER (was " + ends + ")");
        }
        int runs = options.example().count() > 0 ? options.example().count() : DEFAULT_RUNS;
        Object[] seen = new Object[2];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run(ends.get(0), n -> seen[0] = BlindComputation.client(n, ends.get(1), runs, MIN_FIDELITY));
            net.run(ends.get(1), n -> seen[1] = BlindComputation.server(n, ends.get(0), runs));
            net.awaitCompletion();
            @SuppressWarnings("unchecked")
            List<BlindComputation.ClientRun> client = (List<BlindComputation.ClientRun>) seen[0];
            @SuppressWarnings("unchecked")
            List<BlindComputation.ServerView> server = (List<BlindComputation.ServerView>) seen[1];
            List<BlindComputation.ClientRun> computations = client.stream().filter(c -> !c.test()).toList();
            List<BlindComputation.ClientRun> tests = client.stream().filter(BlindComputation.ClientRun::test).toList();
            Result r = new Result(spec.seed(), ends.get(0), ends.get(1), runs,
                    rate(computations, BlindComputation.ClientRun::correct), mean(computations),
                    rate(tests, BlindComputation.ClientRun::trapsPassed), mean(tests),
                    Blindness.pValue(client, server, v -> v.angles()[0], 8),
                    Blindness.pValue(client, server, v -> v.outcomes()[BlindComputation.QUBITS - 1], 2),
                    net.nanos() / 1e9);
            if (!options.example().json()) {
                out.printf(java.util.Locale.ROOT, "== blind ==%n  client %s, server %s, %d runs%n"
                        + "  output right   %s (predicted %.4f)%n  traps passed   %s (predicted %.4f)%n"
                        + "  blindness: χ² p = %.3f (first angle), %.3f (last outcome) against the input%n",
                        r.client(), r.server(), runs, Report.proportion(r.correct()), r.predictedCorrect(), Report.proportion(r.trapsPassed()),
                        r.predictedTrapsPassed(), r.blindnessPFirstAngle(), r.blindnessPLastOutcome());
            }
            return r;
        }
    }

    private static Proportion rate(List<BlindComputation.ClientRun> runs, Predicate<BlindComputation.ClientRun> hit) {
        return Proportion.of(runs.stream().filter(hit).count(), runs.size());
    }

    private static double mean(List<BlindComputation.ClientRun> runs) {
        return runs.stream().mapToDouble(BlindComputation.ClientRun::predictedSuccess).average().orElse(Double.NaN);
    }
}
