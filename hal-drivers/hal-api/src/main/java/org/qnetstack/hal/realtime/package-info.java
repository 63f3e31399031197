/**
 * A node's stack on the wall clock: {@link org.qnetstack.hal.realtime.NodeEventLoop} is the one event-loop thread
 * of a real-time node (the {@link org.qnetstack.hal.Scheduler} and {@link org.qnetstack.hal.Clock} its protocols
 * and drivers run on), and measures how late each of its timers starts, as a
 * {@link org.qnetstack.hal.realtime.LatencySummary}. {@link org.qnetstack.hal.realtime.LatencyHistogram} records
 * any other latency (a device's round trips) the same way.
 */
@NullMarked
package org.qnetstack.hal.realtime;

import org.jspecify.annotations.NullMarked;
