/**
 * The simulated platform: a whole quantum network (devices, fibres, heralding stations, detectors) on
 * one deterministic virtual timeline, found by the stack under the URI {@code sim:world}.
 */
@NullMarked
package org.qnetstack.sim;

import org.jspecify.annotations.NullMarked;
