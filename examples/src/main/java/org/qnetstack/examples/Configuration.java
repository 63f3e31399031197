package org.qnetstack.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;

/**
 * What an example runs on, printed before its results (a short block; in {@code --json} the
 * {@code configuration} field): the network file, its seed, every node with its device preset and
 * overrides, every link with its length, heralding scheme and detectors, and the run's own settings.
 *
 * @param network  the configuration file or {@code classpath:} resource, or null when the example builds its
 *                 networks itself (chain, sweep, bench)
 * @param seed     the world's seed, or null when the example has none
 * @param nodes    the network's nodes
 * @param links    the network's links
 * @param settings the run's settings (pairs, minimum fidelity, …), in the order printed
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Configuration(@Nullable String network, @Nullable Long seed, List<Node> nodes, List<Link> links,
                            Map<String, Object> settings) {
    public Configuration {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A node and its device: a preset name and the fields it overrides. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Node(String name, String device, Map<String, Object> overrides) {
    }

    /** A link: its nodes, length, heralding scheme, the station's detectors and the fields it overrides. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Link(String name, List<String> between, double lengthKm, String scheme, String detectors,
                       Map<String, Object> overrides) {
    }

    /** A configured network, as given by {@code source}, with the run's settings. */
    public static Configuration of(String source, PlatformSpec spec, Map<String, Object> settings) {
        List<Node> nodes = spec.nodes().stream().map(Configuration::node).toList();
        List<Link> links = spec.links().stream().map(Configuration::link).toList();
        return new Configuration(source, spec.seed(), nodes, links, settings);
    }

    /** Settings only: for examples that build their own networks. */
    public static Configuration settings(@Nullable Long seed, Map<String, Object> settings) {
        return new Configuration(null, seed, List.of(), List.of(), settings);
    }

    static Node node(NodeSpec n) {
        return new Node(n.name(), n.device(), sorted(n.overrides()));
    }

    static Link link(LinkSpec l) {
        return new Link(l.name(), List.of(l.nodeA(), l.nodeB()), l.lengthKm(),
                l.scheme().name().toLowerCase(Locale.ROOT).replace('_', '-'), l.station().detectors().toString(),
                sorted(l.overrides()));
    }

    private static Map<String, Object> sorted(Map<String, Object> m) {
        Map<String, Object> s = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> s.put(e.getKey(), String.valueOf(e.getValue())));
        return s;
    }

    /** The printed block: a heading line, one line per node and link, one for the settings. */
    public String text() {
        StringBuilder b = new StringBuilder("configuration:");
        if (network != null) {
            b.append(" network ").append(network);
        }
        if (seed != null) {
            b.append(network != null ? ", " : " ").append("seed ").append(seed);
        }
        b.append('\n');
        for (Node n : nodes) {
            b.append("  node ").append(n.name()).append(": ").append(n.device()).append(overrides(n.overrides()))
                    .append('\n');
        }
        for (Link l : links) {
            b.append(String.format(Locale.ROOT, "  link %s: %s km, %s, detectors %s%s%n", l.name(),
                    Report.number(l.lengthKm()), l.scheme(), l.detectors(), overrides(l.overrides())));
        }
        if (!settings.isEmpty()) {
            StringBuilder s = new StringBuilder();
            settings.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(v instanceof Double d ? Report.number(d) : v));
            b.append("  ").append(s).append('\n');
        }
        return b.toString();
    }

    private static String overrides(Map<String, Object> o) {
        if (o.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        o.forEach((k, v) -> b.append(b.length() == 2 ? "" : ", ").append(k).append(' ').append(v));
        return b.append(')').toString();
    }
}
