package org.qnetstack.hal;

import java.net.URI;

/** No driver on the class path accepts the URI. Put the driver's jar on the class path, or fix the URI. */
public class DriverNotFoundException extends RuntimeException {
    public DriverNotFoundException(String kind, URI uri, java.util.List<String> available) {
        super("no " + kind + " driver accepts '" + uri + "'; drivers on the class path: "
                + (available.isEmpty() ? "none (add hal-sim or a hardware driver to the class path)" : available));
    }
}
