package org.qnetstack.link;

/** Create-and-keep (the qubit stays in memory) or measure-directly (measured at once, no memory). */
public enum RequestType {
    KEEP, MEASURE
}
