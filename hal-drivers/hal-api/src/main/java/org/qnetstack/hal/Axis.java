package org.qnetstack.hal;

/** Rotation axes of the Bloch sphere: R_axis(θ) = exp(−iθσ/2). */
public enum Axis {
    X, Y, Z
}
