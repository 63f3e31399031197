package org.qnetstack.examples.sweep;

/**
 * One point of a sweep: a two-node network of one preset at one link length, at one α. Figures that
 * do not exist are NaN (printed as {@code —}, written to JSON as {@code null}): all of the α-dependent
 * ones when no α reaches the minimum fidelity, the PLOB bound when the fibre is lossless.
 *
 * @param preset                  the device preset of both nodes
 * @param lengthKm                fibre length between the nodes; the station sits at the midpoint
 * @param alpha                   bright-state population of both emitters
 * @param successProbability      probability that one attempt heralds a pair (the link model's)
 * @param heraldedFidelity        fidelity of a heralded pair to its Bell state at the herald
 * @param slotNanos               the attempt period of the link
 * @param delayToStationNanos     one-way delay from a node to the station
 * @param attemptsPerSecond       1e9 / slotNanos: measure-directly pairs are attempted every slot
 * @param pairsPerSecondMeasure   measure-directly rate, p · 1e9 / slotNanos
 * @param keepAttemptSlots        slots per attempt for kept pairs: the communication qubit waits for the
 *                                herald, 1 + ⌈(2·delayToStation + detection window + 1 ns) / slot⌉
 * @param pairsPerSecondKeep      keep rate, p · 1e9 / (keepAttemptSlots · slotNanos)
 * @param fibreTransmissivity     η_f = 10^(−a·L/10) of the whole link's fibre (the preset's attenuation a)
 * @param plobBound               repeaterless PLOB bound −log2(1 − η_f), ebits per channel use
 * @param plobPairsPerSecond      the PLOB bound at one channel use per slot, plobBound · 1e9 / slotNanos
 * @param sampledPairs            kept pairs the simulator made at this point to test the model (0: not sampled)
 * @param measuredSuccessProbability          pairs / attempts of the sample
 * @param measuredSuccessProbabilitySigma     its binomial standard error √(p(1 − p)/attempts)
 * @param measuredFidelity        the sampled pairs' mean true fidelity at delivery
 * @param measuredFidelitySigma   its standard error
 */
public record SweepPoint(String preset, double lengthKm, double alpha, double successProbability,
                         double heraldedFidelity, long slotNanos, long delayToStationNanos,
                         double attemptsPerSecond, double pairsPerSecondMeasure, long keepAttemptSlots,
                         double pairsPerSecondKeep, double fibreTransmissivity, double plobBound,
                         double plobPairsPerSecond, int sampledPairs, double measuredSuccessProbability,
                         double measuredSuccessProbabilitySigma, double measuredFidelity,
                         double measuredFidelitySigma) {
    /** This point with what the simulator measured. */
    SweepPoint with(SweepSampler.Sample s) {
        return new SweepPoint(preset, lengthKm, alpha, successProbability, heraldedFidelity, slotNanos,
                delayToStationNanos, attemptsPerSecond, pairsPerSecondMeasure, keepAttemptSlots, pairsPerSecondKeep,
                fibreTransmissivity, plobBound, plobPairsPerSecond, s.pairs(), s.successProbability(),
                s.successProbabilitySigma(), s.fidelity(), s.fidelitySigma());
    }
}
