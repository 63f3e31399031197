package org.qnetstack.study;

import java.io.Serializable;
import java.util.Objects;

/**
 * One parameter of a study point: a field of the network configuration, by its path (as the configuration
 * loader names fields: {@code links[0].lengthKm}, {@code nodes[1].device.electronT2}, {@code seed} is not one —
 * seeds are a dimension of their own), and the value it takes, as it would be written in the YAML file.
 */
public record Setting(String path, String value) implements Serializable {
    public Setting {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        if (path.isBlank()) {
            throw new IllegalArgumentException("a setting's path names a configuration field (was blank)");
        }
    }

    @Override
    public String toString() {
        return path + "=" + value;
    }
}
