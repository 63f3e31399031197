package org.qnetstack.hal;

import java.util.List;

/** Per-channel click counts since the last reset, and the number of coincidences. */
public record DetectorCounters(List<Long> clicksPerChannel, long coincidences) {
    public DetectorCounters {
        clicksPerChannel = List.copyOf(clicksPerChannel);
    }
}
