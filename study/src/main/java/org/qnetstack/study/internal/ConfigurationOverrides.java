package org.qnetstack.study.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.study.Setting;

/**
 * Makes a point's network: reads its configuration (once per process: points share it), changes the point's
 * fields in the document tree, and hands the result to the one configuration loader, so every value is checked
 * exactly as in a file. Changing a field of a device given by its preset name alone ({@code device: nv-2022})
 * turns it into {@code device: {preset: nv-2022, field: value}}, as a user would write it.
 */
public final class ConfigurationOverrides {
    /** A configuration larger than this is not a network file. */
    static final int MAX_CONFIGURATION_BYTES = 1 << 20;
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private ConfigurationOverrides() {
    }

    /**
     * The network of a configuration with these fields changed.
     *
     * @throws ConfigurationException naming the setting or the field when the configuration cannot be read or a
     *         path does not lead to a field
     * @throws org.qnetstack.api.InvalidConfigurationException naming the field when the loader rejects a value
     */
    public static PlatformSpec network(String configuration, List<Setting> settings) {
        String text = TEXTS.computeIfAbsent(configuration, ConfigurationOverrides::read);
        if (settings.isEmpty()) {
            return NetworkConfig.parse(text);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(configuration, "not YAML or JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode document)) {
            throw new ConfigurationException(configuration, "a network configuration is a mapping");
        }
        for (Setting s : settings) {
            set(document, s);
        }
        try {
            return NetworkConfig.parse(YAML.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a YAML tree that cannot be written back", e);
        }
    }

    private static String read(String configuration) {
        try {
            byte[] bytes;
            if (configuration.startsWith("classpath:")) {
                String resource = configuration.substring("classpath:".length()).replaceFirst("^/", "");
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
                if (in == null) {
                    in = ConfigurationOverrides.class.getClassLoader().getResourceAsStream(resource);
                }
                if (in == null) {
                    throw new ConfigurationException(configuration, "no such resource on the class path");
                }
                try (InputStream opened = in) {
                    bytes = opened.readNBytes(MAX_CONFIGURATION_BYTES + 1);
                }
            } else {
                Path file = Path.of(configuration);
                if (Files.size(file) > MAX_CONFIGURATION_BYTES) {
                    throw tooLarge(configuration);
                }
                bytes = Files.readAllBytes(file);
            }
            if (bytes.length > MAX_CONFIGURATION_BYTES) {
                throw tooLarge(configuration);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(configuration, "cannot be read (" + e + ")", e);
        }
    }

    private static void set(ObjectNode document, Setting setting) {
        String[] segments = setting.path().split("\\.", -1);
        JsonNode at = document;
        for (int i = 0; i < segments.length; i++) {
            Matcher m = SEGMENT.matcher(segments[i]);
            if (!m.matches()) {
                throw bad(setting, "'" + segments[i] + "' is not a field name (optionally with [index])");
            }
            boolean last = i == segments.length - 1;
            String field = m.group(1);
            List<Integer> indices = INDEX.matcher(m.group(2)).results().map(r -> Integer.parseInt(r.group(1))).toList();
            ObjectNode parent = (ObjectNode) at;
            if (last && indices.isEmpty()) {
                parent.set(field, value(setting.value()));
                return;
            }
            JsonNode child = parent.get(field);
            if (child == null && indices.isEmpty()) {
                child = parent.putObject(field);
            } else if (child != null && child.isTextual() && indices.isEmpty() && field.equals("device")) {
                ObjectNode device = JsonNodeFactory.instance.objectNode().put("preset", child.asText());
                parent.set(field, device);
                child = device;
            }
            if (child == null) {
                throw bad(setting, "there is no '" + field + "' to index");
            }
            for (int k = 0; k < indices.size(); k++) {
                int index = indices.get(k);
                if (!(child instanceof ArrayNode array) || index >= array.size()) {
                    throw bad(setting, field + " has no element [" + index + "]");
                }
                if (last && k == indices.size() - 1) {
                    array.set(index, value(setting.value()));
                    return;
                }
                child = array.get(index);
            }
            if (!(child instanceof ObjectNode)) {
                throw bad(setting, "'" + segments[i] + "' is a value, not a mapping with fields");
            }
            at = child;
        }
    }

    /** The value as it would be read from YAML: a number, a boolean, or else a string such as {@code 1.5s}. */
    private static JsonNode value(String text) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (text.equals("true") || text.equals("false")) {
            return f.booleanNode(Boolean.parseBoolean(text));
        }
        if (text.matches("[-+]?\\d{1,18}")) {
            return f.numberNode(Long.parseLong(text));
        }
        if (text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return f.numberNode(Double.parseDouble(text));
        }
        return f.textNode(text);
    }

    private static ConfigurationException bad(Setting setting, String why) {
        return new ConfigurationException(setting.path(), "study setting " + setting + ": " + why);
    }

    private static ConfigurationException tooLarge(String configuration) {
        return new ConfigurationException(configuration, "larger than " + MAX_CONFIGURATION_BYTES
                + " bytes, not a network configuration");
    }
}
