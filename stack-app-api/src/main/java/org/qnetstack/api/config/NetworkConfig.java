package org.qnetstack.api.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.PlatformSpec;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads the description of a network, a {@link PlatformSpec}, from YAML or JSON:
 *
 * <pre>{@code
 * seed: 42                          # optional, default 0
 * nodes:                            # at least one
 *   - { name: alice, device: nv-2022, qubits: 3 }   # qubits optional, default: the preset's
 *   - { name: bob, device: { preset: nv-2022, electronT2: 1.0s } }  # other fields override the preset
 * links:                            # optional
 *   - between: [alice, bob]         # two different declared nodes, at most one link per pair
 *     name: alice-bob               # optional, default <a>-<b>
 *     lengthKm: 10                  # ≥ 0
 *     scheme: single-click          # optional, default single-click
 *     station: { name: st1, detectors: sim }  # optional; name default <link>-station;
 *                                   # detectors: sim (default) or a driver URI, e.g. serial:/dev/ttyV0?baud=115200
 *     attenuationDbPerKm: 0.2       # any other field overrides a link parameter
 * options:                          # optional: for the platform (the simulator checks them)
 *   attempts: skip                  # skip (default: failed attempts are skipped exactly) or step
 * deployment:                       # optional: one process per node (module deploy), see DeploymentSpec
 *   world: 127.0.0.1:7400           # where the world service listens
 *   nodes: { alice: 127.0.0.1:7401, bob: 127.0.0.1:7402 }   # where each node listens; every node listed
 *   secretFile: secret.key          # optional: the processes' keys derive from it (else from the seed)
 * }</pre>
 *
 * <p>Node, link, station and preset names are made of letters, digits, '_', '.' and '-'; node and
 * station names must all differ, and so must link names. Override values are kept as numbers or
 * strings: the platform checks their names and units when it builds the devices and links.
 *
 * <p>Every problem is a {@link ConfigurationException} whose {@link ConfigurationException#path()
 * path} names the field ({@code links[0].lengthKm}, empty for the document as a whole) and whose
 * reason says why and shows the value found, e.g. {@code links[0].lengthKm: must be ≥ 0 (was -3)};
 * syntax errors give the line and column.
 */
public final class NetworkConfig {

    private NetworkConfig() {
    }

    /** Reads a network from a file: JSON if its name ends in {@code .json}, YAML otherwise. */
    public static PlatformSpec load(Path file) {
        String name = file.toString();
        return read(Format.of(name), name, mapper -> mapper.createParser(Files.newInputStream(file)));
    }

    /** Reads a network from YAML text. */
    public static PlatformSpec parse(String text) {
        return read(Format.YAML, "the text", mapper -> mapper.createParser(text));
    }

    /**
     * Reads a network from a class path resource such as {@code networks/two-nodes-nv.yaml}, looked up
     * with the thread's context class loader, then with this class's. JSON if its name ends in
     * {@code .json}, YAML otherwise.
     */
    public static PlatformSpec fromResource(String classpathResource) {
        URL url = findResource(classpathResource);
        return read(Format.of(classpathResource), url.toString(), mapper -> mapper.createParser(url.openStream()));
    }

    /** The same network with another seed. */
    public static PlatformSpec withSeed(PlatformSpec spec, long seed) {
        return new PlatformSpec(seed, spec.nodes(), spec.links(), spec.options());
    }

    // ---- reading

    private enum Format {
        YAML(YAMLMapper.builder()),
        JSON(JsonMapper.builder());

        private final ObjectMapper mapper;

        Format(MapperBuilder<?, ?> builder) {
            mapper = builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        }

        static Format of(String fileName) {
            return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        }
    }

    @FunctionalInterface
    private interface ParserOpener {
        JsonParser open(ObjectMapper mapper) throws IOException;
    }

    /**
     * The {@code deployment} section of a network file, if it has one: where the world service and each node
     * listen when every node runs in its own process (module {@code deploy}). Its nodes must be the file's.
     */
    public static Optional<DeploymentSpec> deployment(Path file) {
        String name = file.toString();
        JsonNode tree = tree(Format.of(name), name, mapper -> mapper.createParser(Files.newInputStream(file)));
        PlatformSpec spec = PlatformSpecReader.read(tree == null ? MissingNode.getInstance() : tree);
        return DeploymentSpec.read(ConfigValue.root(tree == null ? MissingNode.getInstance() : tree).optional("deployment"), spec,
                file.toAbsolutePath().getParent());
    }

    /** Parses one document into a tree, then reads the tree; {@code source} names it in I/O errors. */
    private static PlatformSpec read(Format format, String source, ParserOpener opener) {
        JsonNode tree = tree(format, source, opener);
        return PlatformSpecReader.read(tree == null ? MissingNode.getInstance() : tree);
    }

    private static @Nullable JsonNode tree(Format format, String source, ParserOpener opener) {
        JsonNode tree;
        try (JsonParser parser = opener.open(format.mapper)) {
            tree = format.mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw new ConfigurationException("", "expected one " + format + " document, found another at "
                        + position(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(format, e);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("", "file not found: " + source, e);
        } catch (IOException e) {
            throw new ConfigurationException("", "cannot read " + source + ": " + e.getMessage(), e);
        }
        return tree;
    }

    private static URL findResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        return Stream.of(Thread.currentThread().getContextClassLoader(), NetworkConfig.class.getClassLoader())
                .filter(Objects::nonNull)
                .map(loader -> loader.getResource(name))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new ConfigurationException("", "no resource '" + resource + "' on the class path"));
    }

    // ---- syntax errors

    /** The error for a document that does not parse, at the path the parser had reached. */
    private static ConfigurationException syntaxError(Format format, JsonProcessingException e) {
        String path = e.getProcessor() instanceof JsonParser parser ? pathOf(parser.getParsingContext()) : "";
        String problem;
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            problem = yamlProblem(yaml, yaml.getProblemMark());
        } else if (e.getLocation() != null) {
            problem = "at " + position(e.getLocation()) + ": " + e.getOriginalMessage();
        } else {
            problem = e.getOriginalMessage();
        }
        return new ConfigurationException(path, "invalid " + format + " " + problem, e);
    }

    /** SnakeYAML's problem at its place, and what it was parsing where, when it says. */
    private static String yamlProblem(MarkedYAMLException e, Mark problemMark) {
        String problem = "at " + position(problemMark) + ": " + e.getProblem();
        Mark contextMark = e.getContextMark();
        return e.getContext() == null || contextMark == null
                ? problem
                : problem + " (" + e.getContext() + " at " + position(contextMark) + ")";
    }

    private static String pathOf(@Nullable JsonStreamContext context) {
        if (context == null) {
            return "";
        }
        String parent = pathOf(context.getParent());
        if (context.inArray() && context.hasCurrentIndex()) {
            return ConfigValue.elementPath(parent, context.getCurrentIndex());
        }
        if (context.inObject() && context.hasCurrentName()) {
            return ConfigValue.fieldPath(parent, context.getCurrentName());
        }
        return parent;
    }

    private static String position(JsonLocation location) {
        return position(location.getLineNr(), location.getColumnNr());
    }

    /** A SnakeYAML mark counts lines and columns from 0. */
    private static String position(Mark mark) {
        return position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String position(int line, int column) {
        return "line " + line + ", column " + column;
    }
}
