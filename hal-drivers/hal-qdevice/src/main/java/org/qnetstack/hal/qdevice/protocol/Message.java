package org.qnetstack.hal.qdevice.protocol;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.device.DeviceCapabilities;
import org.qnetstack.hal.device.DeviceEvent;
import org.qnetstack.hal.device.DeviceException;

/** One frame of the device protocol (docs/qdevice-protocol.md), decoded and validated by {@link Codec}. */
public sealed interface Message {
    /** Client → device, first frame: the protocol versions the client speaks and the node it serves. */
    record Hello(List<Integer> versions, String node) implements Message {
        public Hello {
            versions = List.copyOf(versions);
        }
    }

    /** Device → client, answer to hello: the chosen version, what the device offers, its clock now. */
    record Welcome(int version, DeviceCapabilities device, Limits limits, long timeNanos) implements Message {
    }

    /** Client → device: an operation with its request id. */
    record Request(long id, Operation op) implements Message {
    }

    /**
     * Device → client: the request succeeded after {@code duration} ns; {@code outcome} is the measured bit
     * (−1 for other operations), {@code run} the started run's id (0 for other operations).
     */
    record Done(long id, long duration, int outcome, long run) implements Message {
    }

    /** Device → client: the request failed (or, with id 0, the connection did; the device then closes it). */
    record Error(long id, DeviceException.ErrorCode code, String message, @Nullable List<Integer> versions)
            implements Message {
    }

    /** Device → client: a herald or a fault, unasked. */
    record Event(DeviceEvent event) implements Message {
    }

    /** Either side, last frame: it closes the connection on purpose. */
    record Bye(String reason) implements Message {
    }

    /** What a device accepts: the longest frame, in bytes with its newline, and requests in flight at once. */
    record Limits(int maxFrameBytes, int maxInFlight) {
        public static final Limits DEFAULT = new Limits(WireProtocol.MAX_FRAME_BYTES, WireProtocol.MAX_IN_FLIGHT);
    }
}
