package org.qnetstack.api.config;

import static java.util.stream.Collectors.joining;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;

/**
 * Walks the tree of a network configuration document (format in {@link NetworkConfig}) and builds
 * its {@link PlatformSpec}, checking every field and every reference between nodes, links and
 * stations as it goes. One instance reads one document.
 */
final class PlatformSpecReader {
    private static final List<String> TOP_FIELDS = List.of("seed", "nodes", "links", "options", "deployment");
    private static final List<String> NODE_FIELDS = List.of("name", "device", "qubits");
    private static final List<String> LINK_FIELDS = List.of("between", "name", "lengthKm", "scheme", "station");
    private static final List<String> STATION_FIELDS = List.of("name", "detectors");
    private static final String PRESET = "preset";
    private static final String SIMULATED_DETECTORS = "sim";

    // Names and node pairs already taken, each with the path of what took it, for uniqueness checks.
    private final Map<String, String> nodeNames = new LinkedHashMap<>();
    private final Map<String, String> linkNames = new HashMap<>();
    private final Map<String, String> stationNames = new HashMap<>();
    private final Map<Set<String>, String> linkedPairs = new HashMap<>();

    private PlatformSpecReader() {
    }

    /**
     * @param tree the parsed document; a missing node if it is empty
     * @throws ConfigurationException naming the first bad field
     */
    static PlatformSpec read(JsonNode tree) {
        return new PlatformSpecReader().platform(ConfigValue.root(tree));
    }

    private PlatformSpec platform(ConfigValue root) {
        if (!root.isPresent()) {
            throw root.error("the document is empty");
        }
        root.requireMap(TOP_FIELDS);
        long seed = root.optional("seed").map(ConfigValue::integer).orElse(0L);
        ConfigValue nodeList = root.required("nodes");
        List<ConfigValue> nodeValues = nodeList.elements();
        if (nodeValues.isEmpty()) {
            throw nodeList.invalid("must list at least one node");
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (ConfigValue node : nodeValues) {
            nodes.add(node(node));
        }
        List<LinkSpec> links = new ArrayList<>();
        for (ConfigValue link : root.optional("links").map(ConfigValue::elements).orElse(List.of())) {
            links.add(link(link));
        }
        checkConnected(root.field("links"), nodes, links);
        Map<String, Object> options = root.optional("options").map(o -> {
            o.requireMap();
            return o.otherFields(List.of());
        }).orElse(Map.of());
        return new PlatformSpec(seed, nodes, links, options);
    }

    /**
     * Every node must reach every other through links: classical messages travel along the fibres, so two
     * nodes in separate parts of the network could never talk, and a program pairing them would fail only
     * when it runs.
     */
    private static void checkConnected(ConfigValue linksField, List<NodeSpec> nodes, List<LinkSpec> links) {
        Map<String, List<String>> neighbours = new HashMap<>();
        for (LinkSpec link : links) {
            neighbours.computeIfAbsent(link.nodeA(), n -> new ArrayList<>()).add(link.nodeB());
            neighbours.computeIfAbsent(link.nodeB(), n -> new ArrayList<>()).add(link.nodeA());
        }
        String first = nodes.get(0).name();
        Set<String> reached = new LinkedHashSet<>(List.of(first));
        Deque<String> frontier = new ArrayDeque<>(reached);
        while (!frontier.isEmpty()) {
            for (String next : neighbours.getOrDefault(frontier.poll(), List.of())) {
                if (reached.add(next)) {
                    frontier.add(next);
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            String node = nodes.get(i).name();
            if (!reached.contains(node)) {
                throw linksField.error("no path from '" + first + "' (nodes[0]) to '" + node + "' (nodes[" + i
                        + "]): every two nodes must be joined by a chain of links (" + first + " reaches "
                        + shortList(reached) + "); add a link");
            }
        }
    }

    private static String shortList(Set<String> names) {
        int shown = 10;
        String list = names.stream().limit(shown).collect(joining(", "));
        return names.size() <= shown ? list : list + " and " + (names.size() - shown) + " more";
    }

    // ---- nodes

    private NodeSpec node(ConfigValue node) {
        node.requireMap(NODE_FIELDS);
        ConfigValue nameField = node.required("name");
        String name = nameField.name();
        claimName(nodeNames, "node", name, node.path(), nameField);
        Device device = device(node.required("device"));
        int qubits = node.optional("qubits").map(q -> q.intIn(1, NodeSpec.MAX_QUBITS)).orElse(0);
        return new NodeSpec(name, device.preset(), device.overrides(), qubits);
    }

    private record Device(String preset, Map<String, Object> overrides) {
    }

    /** A preset name, or a map of a preset and the device parameters that override it. */
    private static Device device(ConfigValue device) {
        if (device.json().isTextual()) {
            return new Device(device.name(), Map.of());
        }
        if (!device.json().isObject()) {
            throw device.expected("a preset name or a map with a preset and overrides");
        }
        return new Device(device.required(PRESET).name(), device.otherFields(List.of(PRESET)));
    }

    // ---- links

    private LinkSpec link(ConfigValue link) {
        link.requireMap();
        ConfigValue between = link.required("between");
        List<String> ends = ends(between);
        String a = ends.get(0);
        String b = ends.get(1);
        claim(linkedPairs, Set.of(a, b), link.path(), between, first -> first + " already links '" + a + "' and '"
                + b + "'; several links between the same two nodes are not supported yet");

        String name = link.optional("name").map(ConfigValue::name).orElse(a + "-" + b);
        claimName(linkNames, "link", name, link.path(), link.field("name"));
        double lengthKm = link.required("lengthKm").numberIn(0, LinkSpec.MAX_LENGTH_KM, "km, the Earth's circumference");
        HeraldingScheme scheme = link.optional("scheme")
                .map(PlatformSpecReader::scheme)
                .orElse(HeraldingScheme.SINGLE_CLICK);
        StationSpec station = station(link.field("station"), name);
        return new LinkSpec(name, a, b, lengthKm, scheme, station, link.otherFields(LINK_FIELDS));
    }

    /** The two distinct, declared nodes a link joins. */
    private List<String> ends(ConfigValue between) {
        List<ConfigValue> ends = between.elements();
        if (ends.size() != 2) {
            throw between.invalid("must name exactly two nodes");
        }
        String a = declaredNode(ends.get(0));
        String b = declaredNode(ends.get(1));
        if (a.equals(b)) {
            throw ends.get(1).error("a link needs two different nodes (was '" + b + "' at both ends)");
        }
        return List.of(a, b);
    }

    private String declaredNode(ConfigValue reference) {
        String name = reference.text();
        if (!nodeNames.containsKey(name)) {
            throw reference.error("unknown node '" + name + "' (declared: " + String.join(", ", nodeNames.keySet())
                    + ")");
        }
        return name;
    }

    private static HeraldingScheme scheme(ConfigValue scheme) {
        String name = scheme.text();
        String known = Arrays.stream(HeraldingScheme.values()).map(HeraldingScheme::configName).collect(joining(", "));
        return HeraldingScheme.fromConfigName(name)
                .orElseThrow(() -> scheme.error("unknown heralding scheme '" + name + "' (known: " + known + ")"));
    }

    // ---- stations

    /** The station of a link; {@code station} may be absent, which means all defaults. */
    private StationSpec station(ConfigValue station, String linkName) {
        if (station.isPresent()) {
            station.requireMap(STATION_FIELDS);
        }
        ConfigValue nameField = station.field("name");
        String name = station.optional("name").map(ConfigValue::name).orElse(linkName + "-station");
        String node = nodeNames.get(name);
        if (node != null) {
            throw nameField.error("station name '" + name + "' is already the name of a node (" + node + ")");
        }
        claimName(stationNames, "station", name, station.path(), nameField);
        URI detectors = station.optional("detectors")
                .map(PlatformSpecReader::detectors)
                .orElse(StationSpec.SIMULATED_DETECTORS);
        return new StationSpec(name, detectors);
    }

    /** {@code sim} for the simulated detectors, else the absolute URI of a detector driver. */
    private static URI detectors(ConfigValue detectors) {
        String text = detectors.text();
        if (text.equals(SIMULATED_DETECTORS)) {
            return StationSpec.SIMULATED_DETECTORS;
        }
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute()) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, like a relative URI
        }
        throw detectors.invalid("expected '" + SIMULATED_DETECTORS
                + "' or an absolute driver URI such as serial:/dev/ttyV0?baud=115200");
    }

    // ---- uniqueness

    /** Records that {@code owner} (a path) takes the name of a {@code kind}, or throws at {@code at} if it is taken. */
    private static void claimName(Map<String, String> owners, String kind, String name, String owner,
                                  ConfigValue at) {
        claim(owners, name, owner, at, first -> "duplicate " + kind + " name '" + name + "' (also " + first + ")");
    }

    /**
     * Records that {@code owner} (a path) takes {@code key}, or throws at {@code at} if something
     * took it first; {@code reason} gets the path of the first owner.
     */
    private static <K> void claim(Map<K, String> owners, K key, String owner, ConfigValue at,
                                  UnaryOperator<String> reason) {
        String first = owners.putIfAbsent(key, owner);
        if (first != null) {
            throw at.error(reason.apply(first));
        }
    }
}
