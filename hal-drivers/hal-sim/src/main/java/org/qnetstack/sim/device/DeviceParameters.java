package org.qnetstack.sim.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.Quantities;

/**
 * The physical parameters of a simulated device: a preset read from a resource, with any field
 * overridable from configuration. Times are in nanoseconds ({@code Infinity} for "no decay");
 * error figures are depolarising probabilities; readout errors are the probabilities of reading the
 * wrong value when the qubit is in |0⟩ or in |1⟩.
 *
 * <p>The first {@code communicationQubits} qubits can emit photons (an NV centre's electron); the
 * rest are storage qubits (its carbon spins).
 */
public record DeviceParameters(
        String model,
        int qubits,
        int communicationQubits,
        double communicationT1, double communicationT2, double storageT1, double storageT2,
        long initCommunicationDuration, long initStorageDuration,
        long gateCommunicationDuration, long gateStorageDuration,
        long twoQubitGateDuration, long measurementDuration, long emissionDuration,
        double initCommunicationError, double initStorageError,
        double gateCommunicationError, double gateStorageError, double twoQubitGateError,
        double readoutError0, double readoutError1,
        double emissionEfficiency, double attenuationDbPerKm, double lightSpeedKmPerS,
        double darkCountProbability, double visibility, long detectionWindow, boolean photonNumberResolving) {

    /** The presets shipped as resources. */
    public static final Set<String> PRESETS = Set.of("ideal", "nv-2022");

    private static final Map<String, String> ALIASES = Map.of(
            "electronT1", "communicationT1", "electronT2", "communicationT2",
            "carbonT1", "storageT1", "carbonT2", "storageT2");

    private enum Kind { COUNT, TIME, DURATION, PROBABILITY, POSITIVE, FLAG }

    private static final Map<String, Kind> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("qubits", Kind.COUNT);
        FIELDS.put("communicationQubits", Kind.COUNT);
        for (String f : new String[] {"communicationT1", "communicationT2", "storageT1", "storageT2"}) {
            FIELDS.put(f, Kind.TIME);
        }
        for (String f : new String[] {"initCommunicationDuration", "initStorageDuration", "gateCommunicationDuration",
                "gateStorageDuration", "twoQubitGateDuration", "measurementDuration", "emissionDuration",
                "detectionWindow"}) {
            FIELDS.put(f, Kind.DURATION);
        }
        for (String f : new String[] {"initCommunicationError", "initStorageError", "gateCommunicationError",
                "gateStorageError", "twoQubitGateError", "readoutError0", "readoutError1", "emissionEfficiency",
                "darkCountProbability", "visibility"}) {
            FIELDS.put(f, Kind.PROBABILITY);
        }
        FIELDS.put("attenuationDbPerKm", Kind.POSITIVE);
        FIELDS.put("lightSpeedKmPerS", Kind.POSITIVE);
        FIELDS.put("photonNumberResolving", Kind.FLAG);
    }

    /** Link-level fields a link's configuration may override. */
    public static final Set<String> LINK_FIELDS = Set.of("attenuationDbPerKm", "lightSpeedKmPerS",
            "darkCountProbability", "visibility", "detectionWindow", "emissionEfficiency", "photonNumberResolving");

    /**
     * The preset with the overrides applied.
     *
     * @throws ConfigurationException naming the field ({@code preset} for an unknown preset name)
     */
    public static DeviceParameters of(String preset, Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>(loadPreset(preset));
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            String field = ALIASES.getOrDefault(e.getKey(), e.getKey());
            if (!FIELDS.containsKey(field)) {
                throw new ConfigurationException(e.getKey(), "unknown device field (known: "
                        + String.join(", ", FIELDS.keySet()) + "; aliases: " + String.join(", ", ALIASES.keySet()) + ")");
            }
            values.put(field, e.getValue());
        }
        Map<String, Double> v = new LinkedHashMap<>();
        for (Map.Entry<String, Kind> f : FIELDS.entrySet()) {
            Object raw = values.get(f.getKey());
            if (raw == null) {
                throw new ConfigurationException(f.getKey(), "missing from preset '" + preset + "'");
            }
            v.put(f.getKey(), check(f.getKey(), f.getValue(), raw));
        }
        DeviceParameters p = new DeviceParameters(preset,
                v.get("qubits").intValue(), v.get("communicationQubits").intValue(),
                v.get("communicationT1"), v.get("communicationT2"), v.get("storageT1"), v.get("storageT2"),
                v.get("initCommunicationDuration").longValue(), v.get("initStorageDuration").longValue(),
                v.get("gateCommunicationDuration").longValue(), v.get("gateStorageDuration").longValue(),
                v.get("twoQubitGateDuration").longValue(), v.get("measurementDuration").longValue(),
                v.get("emissionDuration").longValue(),
                v.get("initCommunicationError"), v.get("initStorageError"),
                v.get("gateCommunicationError"), v.get("gateStorageError"), v.get("twoQubitGateError"),
                v.get("readoutError0"), v.get("readoutError1"),
                v.get("emissionEfficiency"), v.get("attenuationDbPerKm"), v.get("lightSpeedKmPerS"),
                v.get("darkCountProbability"), v.get("visibility"), v.get("detectionWindow").longValue(),
                v.get("photonNumberResolving") != 0);
        p.checkConsistency();
        return p;
    }

    /**
     * Checks that a link's overrides name only {@link #LINK_FIELDS}; their values are checked when
     * they are applied with {@link #of}.
     */
    public static void checkLinkOverrides(Map<String, Object> overrides) {
        for (String key : overrides.keySet()) {
            if (!LINK_FIELDS.contains(key)) {
                throw new ConfigurationException(key, "unknown link field (known: name, between, lengthKm, "
                        + "scheme, station, " + String.join(", ", LINK_FIELDS.stream().sorted().toList()) + ")");
            }
        }
    }

    private void checkConsistency() {
        if (communicationQubits > qubits) {
            throw new ConfigurationException("communicationQubits",
                    "must be ≤ qubits (" + qubits + ") (was " + communicationQubits + ")");
        }
        if (communicationT2 > 2 * communicationT1) {
            throw new ConfigurationException("communicationT2", "must be ≤ 2·communicationT1 (was "
                    + communicationT2 + " ns with T1 " + communicationT1 + " ns)");
        }
        if (storageT2 > 2 * storageT1) {
            throw new ConfigurationException("storageT2", "must be ≤ 2·storageT1 (was "
                    + storageT2 + " ns with T1 " + storageT1 + " ns)");
        }
    }

    private static double check(String field, Kind kind, Object raw) {
        double value;
        try {
            value = switch (kind) {
                case TIME, DURATION -> Quantities.durationNanos(raw);
                case FLAG -> flag(field, raw);
                default -> raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(field, e instanceof NumberFormatException
                    ? "expected a number (was '" + raw + "')" : e.getMessage());
        }
        if (Double.isNaN(value)) {
            throw new ConfigurationException(field, "must be a number (was NaN)");
        }
        switch (kind) {
            case COUNT -> {
                if (value < 1 || value != Math.rint(value) || value > 64) {
                    throw new ConfigurationException(field, "must be a whole number from 1 to 64 (was " + raw + ")");
                }
            }
            case TIME -> {
                if (value <= 0) {
                    throw new ConfigurationException(field, "must be > 0 (was " + raw + ")");
                }
            }
            case DURATION -> {
                if (value < 0 || Double.isInfinite(value)) {
                    throw new ConfigurationException(field, "must be a finite duration ≥ 0 (was " + raw + ")");
                }
            }
            case PROBABILITY -> {
                if (value < 0 || value > 1) {
                    throw new ConfigurationException(field, "must be in [0, 1] (was " + raw + ")");
                }
            }
            case FLAG -> {
                // checked when read
            }
            case POSITIVE -> {
                if (value < 0 || Double.isInfinite(value) || (field.equals("lightSpeedKmPerS") && value == 0)) {
                    throw new ConfigurationException(field, "must be finite and "
                            + (field.equals("lightSpeedKmPerS") ? "> 0" : "≥ 0") + " (was " + raw + ")");
                }
            }
            default -> throw new IllegalStateException();
        }
        return value;
    }

    private static double flag(String field, Object raw) {
        if (raw instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if ("true".equals(raw) || "false".equals(raw)) {
            return "true".equals(raw) ? 1 : 0;
        }
        throw new ConfigurationException(field, "expected true or false (was '" + raw + "')");
    }

    private static Map<String, Object> loadPreset(String preset) {
        if (!PRESETS.contains(preset)) {
            throw new ConfigurationException("preset", "unknown device preset '" + preset + "' (known: "
                    + String.join(", ", PRESETS.stream().sorted().toList()) + ")");
        }
        String resource = "/org/qnetstack/sim/presets/" + preset + ".yaml";
        try (InputStream in = DeviceParameters.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset resource missing: " + resource);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read preset " + resource, e);
        }
    }

    public boolean isCommunicationQubit(int qubit) {
        return qubit < communicationQubits;
    }

    /** Efficiency from emitter to detector over {@code km} of fibre: η = η_emission · 10^(−a·L/10). */
    public double efficiencyOver(double km) {
        return emissionEfficiency * Math.pow(10, -attenuationDbPerKm * km / 10);
    }

    /** One-way delay over {@code km} of fibre, in ns. */
    public long delayOver(double km) {
        return Math.round(km / lightSpeedKmPerS * 1e9);
    }
}
