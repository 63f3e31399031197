/**
 * The hardware abstraction layer: the interfaces a quantum device, a detector controller and a whole
 * platform implement, the clock and scheduler protocols run on, and driver discovery by URI. The
 * stack depends only on this package; simulated and hardware drivers implement it.
 */
@NullMarked
package org.qnetstack.hal;

import org.jspecify.annotations.NullMarked;
