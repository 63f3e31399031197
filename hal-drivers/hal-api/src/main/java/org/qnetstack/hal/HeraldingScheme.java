package org.qnetstack.hal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a link heralds entanglement (RFC 9340 §4.4.1). {@code SINGLE_CLICK}: both end points emit, a
 * station in the middle interferes the photons and one click heralds a pair.
 */
public enum HeraldingScheme {
    SINGLE_CLICK("single-click");

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
