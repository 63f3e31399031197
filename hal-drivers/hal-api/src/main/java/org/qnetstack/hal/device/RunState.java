package org.qnetstack.hal.device;

import org.qnetstack.hal.AttemptRun;

/** An attempt run of {@link SynchronousDeviceAdapter}: what was asked, the device's run, and its stop slot. */
final class RunState {
    final long id;
    final AttemptRunRequest request;
    final AttemptRun attempts;
    long stop = Long.MAX_VALUE;

    RunState(long id, AttemptRunRequest request, AttemptRun attempts) {
        this.id = id;
        this.request = request;
        this.attempts = attempts;
    }

    boolean attemptsIn(long slot) {
        return slot >= request.firstSlot() && slot < stop && (slot - request.firstSlot()) % request.stride() == 0;
    }
}
