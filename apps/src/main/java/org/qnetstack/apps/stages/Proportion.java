package org.qnetstack.apps.stages;

import org.qnetstack.apps.qkd.QberEstimate;

/**
 * A probability estimated from sacrificed rounds: {@code events} of {@code trials}, with its two-sided
 * Clopper–Pearson interval at {@link #CONFIDENCE} (C. J. Clopper and E. S. Pearson, Biometrika 26, 404, 1934),
 * exact for a binomial count and never narrower than the data allow, unlike Wald's.
 *
 * @param events   rounds in which the event (usually an error) happened
 * @param trials   rounds
 * @param estimate events / trials (0 without trials)
 * @param low      lower end of the interval
 * @param high     upper end of the interval: criteria are judged here, at the pessimistic end
 */
public record Proportion(long events, long trials, double estimate, double low, double high) {
    /** Of every interval reported: 95%, two-sided. */
    public static final double CONFIDENCE = 0.95;

    public Proportion {
        if (events < 0 || events > trials) {
            throw new IllegalArgumentException(events + " events in " + trials + " trials");
        }
    }

    public static Proportion of(long events, long trials) {
        QberEstimate.Interval i = QberEstimate.clopperPearson(Math.toIntExact(events), Math.toIntExact(trials),
                CONFIDENCE);
        return new Proportion(events, trials, trials == 0 ? 0 : (double) events / trials, i.low(), i.high());
    }

    /** Whether the interval holds {@code p}. */
    public boolean contains(double p) {
        return low <= p && p <= high;
    }
}
