package org.qnetstack.hal.qdevice.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.qdevice.protocol.WireProtocol;

/**
 * A {@code qdevice:tcp://host:port?node=NAME&...} URI, read and checked: every part that is wrong is
 * named in the {@link ConfigurationException}.
 *
 * @param host          the device's host
 * @param port          its TCP port
 * @param node          the node whose device to serve (a device or emulator may serve several)
 * @param connectMillis how long to wait for the connection and the handshake
 * @param timeoutMillis how long past its expected duration an operation may take before it fails
 * @param keepAliveMillis after this long without hearing from the device, ping it
 * @param silenceMillis   after this long without hearing from the device, give it up
 * @param maxDurationMillis the longest duration a device may report for one operation
 * @param versions      the protocol versions to offer (default: all this driver speaks); pinning them tests a
 *                      device's handling of versions
 */
public record DriverOptions(String host, int port, String node, long connectMillis, long timeoutMillis,
                            long keepAliveMillis, long silenceMillis, long maxDurationMillis, List<Integer> versions) {
    private static final Set<String> KNOWN = Set.of("node", "connectMs", "timeoutMs", "keepAliveMs", "silenceMs",
            "maxDurationMs", "versions");

    public static boolean accepts(URI uri) {
        return "qdevice".equalsIgnoreCase(uri.getScheme()) && uri.getSchemeSpecificPart() != null
                && uri.getSchemeSpecificPart().startsWith("tcp://");
    }

    public static DriverOptions parse(URI uri) {
        if (!accepts(uri)) {
            throw new ConfigurationException("uri", "a quantum device over TCP is qdevice:tcp://host:port?node=NAME "
                    + "(was '" + uri + "')");
        }
        URI tcp = URI.create(uri.getSchemeSpecificPart());
        if (tcp.getHost() == null || tcp.getPort() < 1 || tcp.getPort() > 65535) {
            throw new ConfigurationException("uri", "needs a host and a port in 1..65535: qdevice:tcp://host:port"
                    + "?node=NAME (was '" + uri + "')");
        }
        Map<String, String> query = query(tcp.getRawQuery());
        for (String k : query.keySet()) {
            if (!KNOWN.contains(k)) {
                throw new ConfigurationException("uri." + k, "unknown parameter (known: " + KNOWN + ")");
            }
        }
        String node = query.get("node");
        if (node == null || node.isBlank()) {
            throw new ConfigurationException("uri.node", "names the node whose device to open: ?node=NAME");
        }
        long keepAlive = millis(query, "keepAliveMs", 1000);
        long silence = millis(query, "silenceMs", 5000);
        if (silence <= keepAlive) {
            throw new ConfigurationException("uri.silenceMs", "must exceed keepAliveMs (" + keepAlive
                    + "), or a device would be given up before it was pinged (was " + silence + ")");
        }
        return new DriverOptions(tcp.getHost(), tcp.getPort(), node, millis(query, "connectMs", 3000),
                millis(query, "timeoutMs", 2000), keepAlive, silence, millis(query, "maxDurationMs", 10_000),
                versions(query.get("versions")));
    }

    private static List<Integer> versions(String v) {
        if (v == null) {
            return WireProtocol.SUPPORTED_VERSIONS;
        }
        List<Integer> out = new ArrayList<>();
        for (String s : v.split(",")) {
            try {
                int x = Integer.parseInt(s.trim());
                if (x < 1) {
                    throw new NumberFormatException();
                }
                out.add(x);
            } catch (NumberFormatException e) {
                throw new ConfigurationException("uri.versions", "lists protocol versions, whole numbers ≥ 1 "
                        + "separated by commas (was '" + v + "')");
            }
        }
        return List.copyOf(out);
    }

    private static long millis(Map<String, String> query, String key, long fallback) {
        String v = query.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long x = Long.parseLong(v);
            if (x < 1 || x > 3_600_000) {
                throw new ConfigurationException("uri." + key, "must be 1 to 3600000 ms (was " + v + ")");
            }
            return x;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("uri." + key, "must be a whole number of ms (was '" + v + "')");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(k, v) != null) {
                throw new ConfigurationException("uri." + k, "is given twice");
            }
        }
        return out;
    }
}
