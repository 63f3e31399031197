package org.qnetstack.api.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;

/**
 * Where the processes of a network listen when each node runs in its own (module {@code deploy}): the world
 * service, which holds the simulated devices and the clock, and every node's host. Read from the optional
 * {@code deployment} section of a network file ({@link NetworkConfig#deployment}).
 *
 * @param world      where the world service listens
 * @param nodes      every node of the network → where its host listens
 * @param secretFile a file holding the secret (at least 16 bytes) from which every process's key is derived, or
 *                   null to derive the keys from the network's seed (reproducible, but only as secret as the
 *                   network file); a relative path in the file is resolved against the file's directory
 */
public record DeploymentSpec(Endpoint world, Map<String, Endpoint> nodes, @Nullable Path secretFile) {
    private static final String LOOPBACK = "127.0.0.1";
    private static final List<String> FIELDS = List.of("world", "nodes", "secretFile");

    public DeploymentSpec {
        nodes = Map.copyOf(nodes);
    }

    /** A deployment whose keys are derived from the network's seed. */
    public DeploymentSpec(Endpoint world, Map<String, Endpoint> nodes) {
        this(world, nodes, null);
    }

    /** A host and port, written {@code host:port} in the file. */
    public record Endpoint(String host, int port) {
        public Endpoint {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("Endpoint.host: must be a host name or address, was '" + host + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Endpoint.port: must be in 1..65535, was " + port);
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** Where a node listens. @throws IllegalArgumentException if the node is not listed */
    public Endpoint node(String name) {
        Endpoint e = nodes.get(name);
        if (e == null) {
            throw new IllegalArgumentException("deployment.nodes: no node '" + name + "' (listed: "
                    + String.join(", ", nodes.keySet()) + ")");
        }
        return e;
    }

    /**
     * Every process of the network on this machine's loopback address, each on a port that is free when this
     * is called (another program may still take it before the process listens): for trying a deployment on
     * one machine, and for tests.
     */
    public static DeploymentSpec onLoopback(PlatformSpec spec) {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            for (int i = 0; i <= spec.nodes().size(); i++) {
                probes.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            Map<String, Endpoint> nodes = new LinkedHashMap<>();
            for (int i = 0; i < spec.nodes().size(); i++) {
                nodes.put(spec.nodes().get(i).name(), new Endpoint(LOOPBACK, probes.get(i + 1).getLocalPort()));
            }
            return new DeploymentSpec(new Endpoint(LOOPBACK, probes.get(0).getLocalPort()), nodes);
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        } finally {
            for (ServerSocket probe : probes) {
                try {
                    probe.close();
                } catch (IOException ignored) {
                    // a probe that will not close holds a port nobody else needs
                }
            }
        }
    }

    /** The {@code deployment} section as written in a network file: append it to the file to deploy its network. */
    public String toYaml() {
        StringBuilder b = new StringBuilder("deployment:\n  world: ").append(world).append('\n');
        if (secretFile != null) {
            b.append("  secretFile: ").append(secretFile).append('\n');
        }
        b.append("  nodes:\n");
        nodes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append("    ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        return b.toString();
    }

    static Optional<DeploymentSpec> read(Optional<ConfigValue> section, PlatformSpec spec, @Nullable Path directory) {
        if (section.isEmpty()) {
            return Optional.empty();
        }
        ConfigValue d = section.get();
        d.requireMap(FIELDS);
        Endpoint world = endpoint(d.required("world"));
        ConfigValue nodeMap = d.required("nodes");
        nodeMap.requireMap();
        Map<String, Endpoint> nodes = new LinkedHashMap<>();
        for (NodeSpec node : spec.nodes()) {
            nodes.put(node.name(), endpoint(nodeMap.required(node.name())));
        }
        nodeMap.otherFields(nodes.keySet()).keySet().stream().findFirst().ifPresent(extra -> {
            throw nodeMap.field(extra).error("no node '" + extra + "' in the network (nodes: "
                    + String.join(", ", nodes.keySet()) + ")");
        });
        Path secretFile = d.optional("secretFile").map(v -> {
            Path path = Path.of(v.text());
            return directory == null || path.isAbsolute() ? path : directory.resolve(path);
        }).orElse(null);
        return Optional.of(new DeploymentSpec(world, nodes, secretFile));
    }

    private static Endpoint endpoint(ConfigValue value) {
        String text = value.text();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw value.invalid("must be host:port");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw value.invalid("must end in a port number");
        }
        if (port < 1 || port > 65535) {
            throw value.invalid("the port must be in 1..65535");
        }
        return new Endpoint(text.substring(0, colon), port);
    }
}
