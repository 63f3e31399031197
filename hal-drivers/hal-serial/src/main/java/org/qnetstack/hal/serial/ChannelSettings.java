package org.qnetstack.hal.serial;

/**
 * The settings of one input as the driver last confirmed them with the device. The driver keeps them so
 * it can restore them after the device resets or is reconnected.
 *
 * @param thresholdVolts discriminator threshold, in volts
 * @param delayPs        delay added to the input's time tags, in ps
 * @param edge           the pulse edge that is stamped
 */
public record ChannelSettings(double thresholdVolts, long delayPs, Edge edge) {
}
