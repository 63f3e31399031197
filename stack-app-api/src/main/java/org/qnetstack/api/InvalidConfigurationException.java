package org.qnetstack.api;

/**
 * A network's configuration was refused: {@link #path()} names the field ({@code links[0].lengthKm}, empty for
 * the document as a whole) and {@link #reason()} says why and shows the value found. The message reads
 * {@code path: reason}; correct the field and load the network again.
 *
 * <p>The layers below report configuration errors as the HAL's {@code ConfigurationException} (kept as the
 * cause); the application API hands them on as this, so that one {@code catch (QnetstackException e)} covers
 * every failure an application can meet.
 */
public class InvalidConfigurationException extends QnetstackException {
    private final String path;
    private final String reason;

    public InvalidConfigurationException(String path, String reason, Throwable cause) {
        super(path.isEmpty() ? reason : path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** The field refused, as a path into the configuration document; empty for the document as a whole. */
    public String path() {
        return path;
    }

    /** Why it was refused, with the value found. */
    public String reason() {
        return reason;
    }
}
