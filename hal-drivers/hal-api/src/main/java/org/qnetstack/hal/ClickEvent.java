package org.qnetstack.hal;

/**
 * One detector click: the channel that fired and its time tag in picoseconds on the controller's
 * time base.
 */
public record ClickEvent(int channel, long timePs) {
}
