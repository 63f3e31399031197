package org.qnetstack.hal;

/**
 * A configuration value is missing, unknown or out of range. {@link #path()} names the field in the
 * configuration document (e.g. {@code links[0].lengthKm}) and the message says why it was refused.
 */
public class ConfigurationException extends RuntimeException {
    private final String path;
    private final String reason;

    public ConfigurationException(String path, String reason) {
        super(path.isEmpty() ? reason : path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public ConfigurationException(String path, String reason, Throwable cause) {
        super(path.isEmpty() ? reason : path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }

    /** The same error with a path prefix, for errors raised while reading a nested part. */
    public ConfigurationException under(String prefix) {
        String joined = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new ConfigurationException(joined, reason, getCause());
    }
}
