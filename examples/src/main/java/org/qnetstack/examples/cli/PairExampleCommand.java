package org.qnetstack.examples.cli;

import picocli.CommandLine.Mixin;

/**
 * An example that asks for a number of pairs (or trials, rounds) at a minimum fidelity: the {@code --min-fidelity}
 * option and the count are kept here once. Each subclass declares its own {@code --count} option, whose default
 * and help differ, and hands the value to {@link #setCount}.
 */
abstract class PairExampleCommand extends ExampleCommand {
    @Mixin
    MinFidelityOption fidelity;

    private int count;

    PairExampleCommand(Io io) {
        super(io);
    }

    /** The value of the subclass's {@code --count}: checked to be at least one. */
    final void setCount(int n) {
        count = CommonOptions.atLeastOne(spec, "--count", n);
    }

    @Override
    final int count() {
        return count;
    }

    @Override
    final double minFidelity() {
        return fidelity.minFidelity;
    }
}
