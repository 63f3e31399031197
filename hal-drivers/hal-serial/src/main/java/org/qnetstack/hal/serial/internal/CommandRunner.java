package org.qnetstack.hal.serial.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.serial.CommandTimeoutException;
import org.qnetstack.hal.serial.DeviceErrorException;
import org.qnetstack.hal.serial.UnexpectedReplyException;
import org.qnetstack.hal.serial.internal.Counters.Stat;

/**
 * Runs one {@link Request} until its reply is believed, resending it a bounded number of times (the URI's
 * {@code retries}); every resend is counted. The rules:
 *
 * <ul>
 *   <li>No reply in time, or a garbled one: get the line back in step, then resend.</li>
 *   <li>A write whose read-back differs: resend; if the read-back shows the written value on another
 *       input, the line garbled the input's number and the driver's own write landed there, so the next
 *       message also puts that input back to its verified value (see {@link Repair}).</li>
 *   <li>A rejection: a command error (−1xx) means the line garbled the command, so it is resent. Any other
 *       rejection is believed once two attempts in a row agree on it (a flipped digit in a value can make a
 *       valid command out of range once, not twice), or when no resend is left and the entry is one of the
 *       device's table.</li>
 * </ul>
 *
 * Messages are idempotent, so resending is safe. When no resend is left the last failure is thrown:
 * {@link CommandTimeoutException}, {@link UnexpectedReplyException} or {@link DeviceErrorException}.
 * The loss of the link is thrown as {@link LinkLost} at once.
 */
final class CommandRunner {
    /** What to send after a write whose read-back differs from what was expected; null: the same again. */
    @FunctionalInterface
    interface Repair {
        @Nullable Request after(List<String> readBack);
    }

    private final Wire wire;
    private final int retries;
    private final long timeoutMs;
    private final String device;
    private final Counters counters;

    CommandRunner(Wire wire, int retries, long timeoutMs, String device, Counters counters) {
        this.wire = wire;
        this.retries = retries;
        this.timeoutMs = timeoutMs;
        this.device = device;
        this.counters = counters;
    }

    /** The request's believed answers. */
    List<String> run(Request request) throws LinkLost {
        return run(request, readBack -> null);
    }

    List<String> run(Request first, Repair repair) throws LinkLost {
        Request r = first;
        Scpi.@Nullable Error lastRejection = null;
        RuntimeException failure = null;
        boolean outOfStep = false;
        for (int attempt = 0; ; attempt++) {
            if (outOfStep && !wire.synchronise()) {
                // A stale reply of the same form could pass for this message's, so nothing is sent before the
                // line is in step again; a failed attempt to get there uses up a resend.
                if (attempt >= retries) {
                    throw failure;
                }
                counters.count(Stat.RETRIES);
                continue;
            }
            outOfStep = false;
            String reply = wire.exchange(r.wire());
            Scpi.@Nullable Error rejection = null;
            if (reply == null) {
                counters.count(Stat.TIMEOUTS);
                failure = new CommandTimeoutException(device + ": no reply to '" + r.text() + "' within " + timeoutMs
                        + " ms", r.text());
                outOfStep = true;
            } else {
                Request.Verdict v = r.judge(reply);
                if (v instanceof Request.Accepted a) {
                    return a.answers();
                } else if (v instanceof Request.Rejected rej) {
                    rejection = rej.error();
                    DeviceErrorException e = new DeviceErrorException(device, r.text(), rejection.code(), rejection.text());
                    if (!rejection.commandError() && rejection.equals(lastRejection)) {
                        throw e; // two attempts agree: the device's verdict
                    }
                    failure = rej.known() ? e : unexpected(r, reply, "'" + rejection.format()
                            + "' is not an entry of the device's error table");
                } else if (v instanceof Request.Unconfirmed u) {
                    failure = unexpected(r, reply, "the device reads back " + u.answers() + " where " + r.expected()
                            + " was expected");
                    Request next = repair.after(u.answers());
                    r = next != null ? next : r;
                } else {
                    failure = unexpected(r, reply, ((Request.Garbled) v).why());
                    outOfStep = true;
                }
            }
            lastRejection = rejection;
            if (attempt >= retries) {
                throw failure;
            }
            counters.count(Stat.RETRIES);
            counters.warn("resending '" + r.text() + "' after: " + failure.getMessage());
        }
    }

    private UnexpectedReplyException unexpected(Request r, String reply, String why) {
        counters.count(Stat.UNEXPECTED);
        return new UnexpectedReplyException(device, r.text(), reply, why);
    }
}
