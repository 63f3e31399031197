package org.qnetstack.link;

import org.qnetstack.hal.Basis;

/**
 * The basis a measure-directly request uses at each end: a fixed one, or a fresh uniformly random
 * choice of X or Z per pair, drawn independently at each end (as BBM92 needs).
 */
public enum MeasureBasis {
    Z, X, Y, RANDOM_XZ;

    public Basis pick(java.util.random.RandomGenerator random) {
        return switch (this) {
            case Z -> Basis.Z;
            case X -> Basis.X;
            case Y -> Basis.Y;
            case RANDOM_XZ -> random.nextBoolean() ? Basis.X : Basis.Z;
        };
    }
}
