package org.qnetstack.hal;

/** Fixed single-qubit gates a device offers. Rotations by any angle use {@link Axis}. */
public enum Gate {
    X, Y, Z, H, S, S_DAGGER, T, T_DAGGER
}
