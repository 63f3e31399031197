package org.qnetstack.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.api.InvalidConfigurationException;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.PlatformSpec;

/**
 * Mutates the bundled network files at random (a fixed seed): values replaced by extreme, NaN, negative or huge
 * numbers, by long, empty or numeric strings or by another type; fields added with such values or dropped; list
 * elements repeated or dropped. Every mutant, read and built into a simulated platform, must either work or fail with a
 * {@link InvalidConfigurationException} that names a field: never another exception, an out-of-memory error or a hang.
 */
class NetworkConfigFuzzTest {
    private static final long SEED = 15;
    private static final int MUTANTS = 250;
    private static final List<String> BUNDLED = List.of("networks/two-nodes-nv.yaml", "networks/two-nodes-ideal.yaml",
            "networks/two-nodes-generic.yaml", "networks/three-nodes-ideal.yaml", "config/two-nodes.yaml");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new JsonMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<Function<SplittableRandom, JsonNode>> REPLACEMENTS = List.of(
            r -> NODES.numberNode(pickLong(r, 0, -1, 1, 64, 65, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE)),
            r -> NODES.numberNode(pickDouble(r, 1e308, -1e308, 1e-320, 40_000.5, 1e12, Double.NaN, -0.0, 0.5)),
            r -> NODES.textNode(pick(r, "", "inf", "-inf", "NaN", "1e308s", "-3us", "1h", "7deg", "x y", "sim")),
            r -> NODES.textNode("z".repeat(r.nextInt(1, 9000))),
            r -> NODES.booleanNode(r.nextBoolean()),
            r -> NODES.nullNode(),
            r -> NODES.arrayNode().add(1).add("alice"),
            r -> NODES.objectNode().put("preset", "nv-2022").put("qubits", r.nextInt(-2, 100)));

    private static final String[] ADDED_FIELDS = {"qubits", "lengthKm", "seed", "emissionDuration", "cycleTime",
        "detectionWindow", "lightSpeedKmPerS", "attenuationDbPerKm", "communicationQubits", "storageT2", "options",
        "station", "detectors", "deployment", "visibility", "phaseNoiseSigma", "scheme", "links"};

    @Test
    @Timeout(120) // a hang guard: the whole run takes a few seconds
    void everyMutantLoadsOrNamesTheBadField(@TempDir Path dir) throws IOException {
        List<JsonNode> originals = new ArrayList<>();
        for (String resource : BUNDLED) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                originals.add(YAML.readTree(in));
            }
        }
        SplittableRandom random = new SplittableRandom(SEED);
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < MUTANTS; i++) {
            JsonNode mutant = originals.get(random.nextInt(originals.size())).deepCopy();
            for (int m = random.nextInt(1, 4); m > 0; m--) {
                mutant = mutate(mutant, random);
            }
            boolean json = random.nextBoolean();
            String text = (json ? JSON : YAML).writeValueAsString(mutant);
            Path file = Files.writeString(dir.resolve("mutant" + (json ? ".json" : ".yaml")), text);
            try {
                PlatformSpec spec = NetworkConfig.load(file);
                SimulatedNetwork.of(spec).close();
                loaded++;
            } catch (InvalidConfigurationException e) {
                assertFalse(e.path().isEmpty(), () -> "no field named: " + e.getMessage() + " for\n" + text);
                refused++;
            } catch (Throwable t) {
                fail("mutant " + i + " failed with " + t + " instead of a InvalidConfigurationException:\n" + text, t);
            }
        }
        assertEquals(MUTANTS, loaded + refused);
        // Both outcomes occur: the mutations neither always break the file nor never do.
        assertTrue(loaded > 0 && refused > MUTANTS / 2, "loaded " + loaded + ", refused " + refused);
    }

    /** The document with one value replaced, one field dropped or one list element repeated. */
    private static JsonNode mutate(JsonNode root, SplittableRandom random) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        ContainerNode<?> target = (ContainerNode<?>) containers.get(random.nextInt(containers.size()));
        if (target.isEmpty()) {
            return root;
        }
        int index = random.nextInt(target.size());
        int kind = random.nextInt(10);
        if (target instanceof ObjectNode map) {
            String field = fieldNames(map).get(index);
            if (kind == 0) {
                map.remove(field);
            } else if (kind == 1) {
                // a field the file did not have, perhaps one the loader or the simulator knows
                map.set(pick(random, ADDED_FIELDS), REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())).apply(random));
            } else {
                map.set(field, REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())).apply(random));
            }
        } else {
            ArrayNode list = (ArrayNode) target;
            if (kind == 0) {
                list.remove(index);
            } else if (kind == 1) {
                list.add(list.get(index).deepCopy());
            } else {
                list.set(index, REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())).apply(random));
            }
        }
        return root;
    }

    private static List<String> fieldNames(ObjectNode map) {
        List<String> names = new ArrayList<>();
        map.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collectContainers(child, into));
        }
    }

    private static long pickLong(SplittableRandom random, long... values) {
        return values[random.nextInt(values.length)];
    }

    private static double pickDouble(SplittableRandom random, double... values) {
        return values[random.nextInt(values.length)];
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
