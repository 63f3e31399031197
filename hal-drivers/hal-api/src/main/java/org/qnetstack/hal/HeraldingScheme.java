package org.qnetstack.hal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a link heralds entanglement (RFC 9340 §4.4.1), both at the end points with a station in the
 * middle: {@code SINGLE_CLICK}, both ends emit with bright-state population α and one click heralds a
 * pair (p ≈ 2αη, F ≈ 1−α); {@code DOUBLE_CLICK} (Barrett–Kok), two rounds with a π pulse between and
 * one click in each (p ≈ η²/2, fidelity limited by visibility and dark counts, not by α);
 * {@code MIDPOINT_SOURCE}, a source in the middle sends one photon of a pair to each node, whose
 * memories absorb and herald it, and a pair exists when both heralded; {@code SOURCE_NODE}, node A emits
 * and node B absorbs and heralds. In the two source schemes the station is where the heralds are
 * combined: the source's controller in the middle, or node B itself.
 */
public enum HeraldingScheme {
    SINGLE_CLICK("single-click"),
    DOUBLE_CLICK("double-click"),
    MIDPOINT_SOURCE("midpoint-source"),
    SOURCE_NODE("source-node");

    private final String configName;

    HeraldingScheme(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files. */
    public String configName() {
        return configName;
    }

    public static Optional<HeraldingScheme> fromConfigName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.configName.equals(n)).findFirst();
    }
}
