package org.qnetstack.api.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.PlatformSpec;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads the description of a network, a {@link PlatformSpec}, from YAML or JSON:
 *
 * <pre>{@code
 * seed: 42                          # optional, default 0
 * nodes:                            # at least one
 *   - { name: alice, device: nv-2022, qubits: 3 }   # qubits optional (1 to 64), default: the preset's
 *   - { name: bob, device: { preset: nv-2022, electronT2: 1.0s } }  # other fields override the preset
 * links:                            # every node must reach every other through them
 *   - between: [alice, bob]         # two different declared nodes, at most one link per pair
 *     name: alice-bob               # optional, default <a>-<b>
 *     lengthKm: 10                  # from 0 to 40000 (the Earth's circumference)
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
 * strings: the platform checks their names, units and ranges when it builds the devices and links (the
 * simulator's: {@code org.qnetstack.sim.device.DeviceParameters}).
 *
 * <p>A document may hold at most {@link #MAX_DOCUMENT_BYTES} bytes, a single value at most
 * {@link #MAX_VALUE_CHARS} characters, a number at most 100 digits, and may nest 32 deep; a line of YAML may
 * hold at most {@link #MAX_YAML_LINE_BYTES} bytes. A larger document or a longer line is refused before it is
 * parsed.
 *
 * <p>Every problem is an {@link org.qnetstack.api.InvalidConfigurationException} whose
 * {@link org.qnetstack.api.InvalidConfigurationException#path() path} names the field ({@code links[0].lengthKm}, empty for the document as a whole) and whose
 * reason says why and shows the value found, e.g. {@code links[0].lengthKm: must be ≥ 0 (was -3)};
 * syntax errors give the line and column.
 */
public final class NetworkConfig {

    private NetworkConfig() {
    }

    /** Reads a network from a file: JSON if its name ends in {@code .json}, YAML otherwise. */
    public static PlatformSpec load(Path file) {
        String name = file.toString();
        return readingConfiguration(() -> read(Format.of(name), name, () -> Files.newInputStream(file)));
    }

    /** Reads a network from YAML text. */
    public static PlatformSpec parse(String text) {
        return readingConfiguration(() -> {
            if (text.length() > MAX_DOCUMENT_BYTES) {
                throw tooLarge("the text", text.length() + " characters");
            }
            return read(Format.YAML, "the text",
                    () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        });
    }

    /**
     * Reads a network from a class path resource such as {@code networks/two-nodes-nv.yaml}, looked up
     * with the thread's context class loader, then with this class's. JSON if its name ends in
     * {@code .json}, YAML otherwise.
     */
    public static PlatformSpec fromResource(String classpathResource) {
        return readingConfiguration(() -> {
            URL url = findResource(classpathResource);
            return read(Format.of(classpathResource), url.toString(), url::openStream);
        });
    }

    /** The same network with another seed. */
    public static PlatformSpec withSeed(PlatformSpec spec, long seed) {
        return new PlatformSpec(seed, spec.nodes(), spec.links(), spec.options());
    }

    // ---- reading

    /**
     * The largest document read, 1 MiB: a network of thousands of nodes fits many times over, and nothing
     * larger is parsed, so a wrong or hostile file fails at once instead of costing time and memory.
     */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;
    /** The longest single value (a name, a driver URI, a path): 4,096 characters. */
    public static final int MAX_VALUE_CHARS = 4096;
    /**
     * The longest line of a YAML document, 16 KiB: SnakeYAML takes time quadratic in a line's length (seconds
     * for a line of 1 MiB), while block style needs short lines whatever the network's size.
     */
    public static final int MAX_YAML_LINE_BYTES = 16 << 10;
    /** Digits in one number, at most: more than any meaningful value needs. */
    private static final int MAX_NUMBER_CHARS = 100;
    /** Maps and lists within each other, at most: a network document nests five deep. */
    private static final int MAX_NESTING = 32;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(MAX_DOCUMENT_BYTES)
            .maxStringLength(MAX_VALUE_CHARS)
            .maxNameLength(MAX_VALUE_CHARS)
            .maxNumberLength(MAX_NUMBER_CHARS)
            .maxNestingDepth(MAX_NESTING)
            .build();

    private enum Format {
        YAML(YAMLMapper.builder(YAMLFactory.builder()
                .streamReadConstraints(LIMITS)
                .loaderOptions(yamlLimits())
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // as `new YAMLMapper()` has it: `seed:` is absent
                .build())),
        JSON(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build()));

        private final ObjectMapper mapper;

        Format(MapperBuilder<?, ?> builder) {
            mapper = builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        }

        static Format of(String fileName) {
            return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        }

        /** SnakeYAML's own limits, the same as the parser's. */
        private static LoaderOptions yamlLimits() {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_DOCUMENT_BYTES);
            options.setNestingDepthLimit(MAX_NESTING);
            options.setAllowDuplicateKeys(false);
            return options;
        }
    }

    @FunctionalInterface
    private interface Source {
        InputStream open() throws IOException;
    }

    /**
     * The {@code deployment} section of a network file, if it has one: where the world service and each node
     * listen when every node runs in its own process (module {@code deploy}). Its nodes must be the file's.
     */
    public static Optional<DeploymentSpec> deployment(Path file) {
        return readingConfiguration(() -> {
            String name = file.toString();
            JsonNode tree = tree(Format.of(name), name, () -> Files.newInputStream(file));
            PlatformSpec spec = PlatformSpecReader.read(tree);
            return DeploymentSpec.read(ConfigValue.root(tree).optional("deployment"), spec,
                    file.toAbsolutePath().getParent());
        });
    }

    /** Parses one document into a tree, then reads the tree; {@code source} names it in errors. */
    private static PlatformSpec read(Format format, String source, Source opener) {
        return PlatformSpecReader.read(tree(format, source, opener));
    }

    /** The document's tree, a missing node if it is empty. */
    private static JsonNode tree(Format format, String source, Source opener) {
        byte[] document = document(source, opener);
        if (format == Format.YAML) {
            checkLineLengths(document);
        }
        JsonNode tree;
        try (JsonParser parser = format.mapper.createParser(document)) {
            try {
                tree = format.mapper.readTree(parser);
                if (parser.nextToken() != null) {
                    throw new ConfigurationException("", "expected one " + format + " document, found another at "
                            + position(parser.currentTokenLocation()));
                }
            } catch (JsonProcessingException e) {
                throw syntaxError(format, e, parser);
            }
        } catch (IOException e) {
            throw new ConfigurationException("", "cannot read " + source + ": " + e.getMessage(), e);
        }
        JsonNode root = tree == null ? MissingNode.getInstance() : tree;
        checkValueLengths(ConfigValue.root(root));
        return root;
    }

    /**
     * Refuses a string or field name longer than {@link #MAX_VALUE_CHARS}. JSON's parser enforces the limit
     * as it reads; YAML's does not, so the tree is walked once (the document is small, see its limit).
     */
    private static void checkValueLengths(ConfigValue value) {
        JsonNode json = value.json();
        if (json.isTextual() && json.textValue().length() > MAX_VALUE_CHARS) {
            throw value.error("must be at most " + MAX_VALUE_CHARS + " characters (was "
                    + json.textValue().length() + ")");
        }
        if (json.isArray()) {
            value.elements().forEach(NetworkConfig::checkValueLengths);
        }
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (field.getKey().length() > MAX_VALUE_CHARS) {
                throw value.error("a field name must be at most " + MAX_VALUE_CHARS + " characters (was "
                        + field.getKey().length() + ")");
            }
            checkValueLengths(value.field(field.getKey()));
        }
    }

    /** The bytes of a document, read only up to the limit: a larger one is refused before it is parsed. */
    private static byte[] document(String source, Source opener) {
        try (InputStream in = opener.open()) {
            byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw tooLarge(source, "more bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("", "file not found: " + source, e);
        } catch (IOException e) {
            throw new ConfigurationException("", "cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static void checkLineLengths(byte[] document) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= document.length; i++) {
            if (i == document.length || document[i] == '\n') {
                if (i - lineStart > MAX_YAML_LINE_BYTES) {
                    throw new ConfigurationException("", "line " + line + " is longer than " + MAX_YAML_LINE_BYTES
                            + " bytes (was " + (i - lineStart) + "): break it up (YAML's block style) or write JSON");
                }
                line++;
                lineStart = i + 1;
            }
        }
    }

    private static ConfigurationException tooLarge(String source, String was) {
        return new ConfigurationException("", source + " is too large: a network document must be at most "
                + MAX_DOCUMENT_BYTES + " bytes (was " + was + ")");
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
    private static ConfigurationException syntaxError(Format format, JsonProcessingException e, JsonParser reader) {
        // A limit of StreamReadConstraints is raised without the parser: the reader is where it stopped.
        JsonParser parser = e.getProcessor() instanceof JsonParser p ? p : reader;
        String path = pathOf(parser.getParsingContext());
        JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        String problem;
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            problem = yamlProblem(yaml, yaml.getProblemMark());
        } else if (location != null && location.getLineNr() > 0) {
            problem = "at " + position(location) + ": " + e.getOriginalMessage();
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

    /**
     * Runs {@code reading}, handing a configuration error of the layers below (the HAL's) on as the API's
     * {@link org.qnetstack.api.InvalidConfigurationException}: same path, reason and message, the original as cause.
     */
    private static <T> T readingConfiguration(java.util.function.Supplier<T> reading) {
        try {
            return reading.get();
        } catch (ConfigurationException e) {
            throw new org.qnetstack.api.InvalidConfigurationException(e.path(), e.reason(), e);
        }
    }
}
