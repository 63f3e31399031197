package org.qnetstack.sim.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.Quantities;
import org.qnetstack.sim.state.StateEngine;

/**
 * The physical parameters of a simulated device: a preset read from a resource, with any field
 * overridable from configuration. Times are in nanoseconds ({@code Infinity} for "no decay");
 * error figures are depolarising probabilities; readout errors are the probabilities of reading the
 * wrong value when the qubit is in |0⟩ or in |1⟩. Every noise source can be switched off: a
 * probability of 0 (1 for an efficiency), a time of {@code inf}.
 *
 * <p>Ranges, checked for presets and overrides alike (a value outside is a {@link ConfigurationException} naming
 * the field): {@code qubits} and {@code communicationQubits} whole numbers from 1 to {@value NodeSpec#MAX_QUBITS};
 * T1 and T2 times &gt; 0 ({@code inf} allowed); durations (operations, {@code emissionDuration},
 * {@code detectionWindow}, {@code cycleTime}) from 0 to 1 h; probabilities, efficiencies and fidelities in
 * [0, 1]; {@code attenuationDbPerKm} from 0 to 100 dB/km; {@code lightSpeedKmPerS} from 1,000 km/s to c =
 * 299,792.458 km/s; {@code phaseNoiseSigma} from 0 to 2π rad.
 *
 * <p>The first {@code communicationQubits} qubits can emit photons (an NV centre's electron); the
 * rest are storage qubits (its carbon spins).
 *
 * <p>The components after {@code photonNumberResolving}:
 * <ul>
 * <li>{@code detectorEfficiency}: probability that a photon reaching a detector clicks it; the total
 *     efficiency is η = emissionEfficiency · detectorEfficiency · 10^(−a·L/10) ({@link #efficiencyOver}).
 * <li>{@code phaseNoiseSigma}: standard deviation (radians) of the optical phase between the two arms of
 *     the station's interferometer, drawn afresh per attempt; it multiplies single-click coherences by
 *     exp(−σ²/2). Configured as a number of radians or as text such as {@code 15deg}.
 * <li>{@code doubleExcitationProbability}: probability that the emitter is excited twice in one pulse
 *     (see {@code SingleClickModel} for the model).
 * <li>{@code perAttemptDephasing}: probability of a Z flip on each stored storage qubit per entanglement
 *     attempt (NV: the electron's reset kicks the carbons' phase); {@link #storageDephasingAfter} compounds it.
 * <li>{@code memoryDephasing}: {@link MemoryDephasing#EXPONENTIAL} (coherence e^(−t/T2)) or
 *     {@link MemoryDephasing#GAUSSIAN} (trapped ions: coherence exp(−2t²/τ²) with τ the T2 field, on top of
 *     the amplitude damping of T1); see {@link #applyMemoryDecay}.
 * <li>{@code absorptionEfficiency}: probability that the memory absorbs an arriving photon and the node
 *     heralds it (source-in-the-middle and source-at-a-node schemes).
 * <li>{@code sourceEfficiency}, {@code pairSourceFidelity}: probability that the link's entangled-photon
 *     source emits a pair in an attempt, and the Werner fidelity of the entangled state emitted (the photon
 *     pair of a midpoint source, or the spin–photon state of an emitting node).
 * <li>{@code linkModel}: {@link LinkModel#PHYSICAL} (optics models) or {@link LinkModel#GENERIC} (a Werner
 *     pair of fidelity {@code linkFidelity} with probability {@code linkSuccessProbability} every
 *     {@code cycleTime} ns, whatever the length and optics: the simple model of other SDKs).
 * </ul>
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
        double darkCountProbability, double visibility, long detectionWindow, boolean photonNumberResolving,
        double detectorEfficiency, double phaseNoiseSigma, double doubleExcitationProbability,
        double perAttemptDephasing, MemoryDephasing memoryDephasing, double absorptionEfficiency,
        double sourceEfficiency, double pairSourceFidelity,
        LinkModel linkModel, double linkFidelity, double linkSuccessProbability, long cycleTime) {

    /** The presets shipped as resources. */
    public static final Set<String> PRESETS = Set.of("ideal", "nv-2019-lab", "nv-2022", "ion-2022", "generic");

    /** How a memory loses coherence while it waits. */
    public enum MemoryDephasing {
        /** Markovian: coherence e^(−t/T2) overall, T2 ≤ 2·T1. */
        EXPONENTIAL,
        /** Quasi-static noise (trapped ions): coherence exp(−2t²/τ²), τ = the T2 field. */
        GAUSSIAN;

        /** The name in configuration files. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which model turns a link's attempts into heralded pairs. */
    public enum LinkModel {
        /** The optics models of {@code org.qnetstack.sim.optics}, chosen by the link's heralding scheme. */
        PHYSICAL,
        /** A Werner pair of fidelity linkFidelity with probability linkSuccessProbability per cycleTime. */
        GENERIC;

        /** The name in configuration files. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The longest duration of one operation, emission, detection window or cycle: 1 h. Real ones take
     * nanoseconds to milliseconds; the bound keeps every sum of durations far from overflowing the simulated
     * clock (nanoseconds in a {@code long}, 292 years).
     */
    public static final double MAX_DURATION_NANOS = 3600e9;
    /** Fibre attenuation at most 100 dB/km: visible light in fibre loses a few dB/km, telecom light 0.2. */
    public static final double MAX_ATTENUATION_DB_PER_KM = 100;
    /** Light in fibre is slower than in vacuum (c = 299,792.458 km/s); 1,000 km/s bounds the delay of a link. */
    public static final double MIN_LIGHT_SPEED_KM_PER_S = 1_000;
    public static final double MAX_LIGHT_SPEED_KM_PER_S = 299_792.458;
    /** The phase noise's standard deviation at most 2π rad: beyond, the phase is already uniformly random. */
    public static final double MAX_PHASE_NOISE_SIGMA = 2 * Math.PI;

    private static final Map<String, String> ALIASES = Map.of(
            "electronT1", "communicationT1", "electronT2", "communicationT2",
            "carbonT1", "storageT1", "carbonT2", "storageT2");

    private enum Kind { COUNT, TIME, DURATION, PROBABILITY, POSITIVE, FLAG, ANGLE, CHOICE }

    private static final Map<String, Kind> FIELDS = new LinkedHashMap<>();
    private static final Map<String, Enum<?>[]> CHOICES = Map.of(
            "memoryDephasing", MemoryDephasing.values(), "linkModel", LinkModel.values());

    static {
        FIELDS.put("qubits", Kind.COUNT);
        FIELDS.put("communicationQubits", Kind.COUNT);
        for (String f : new String[] {"communicationT1", "communicationT2", "storageT1", "storageT2"}) {
            FIELDS.put(f, Kind.TIME);
        }
        for (String f : new String[] {"initCommunicationDuration", "initStorageDuration", "gateCommunicationDuration",
                "gateStorageDuration", "twoQubitGateDuration", "measurementDuration", "emissionDuration",
                "detectionWindow", "cycleTime"}) {
            FIELDS.put(f, Kind.DURATION);
        }
        for (String f : new String[] {"initCommunicationError", "initStorageError", "gateCommunicationError",
                "gateStorageError", "twoQubitGateError", "readoutError0", "readoutError1", "emissionEfficiency",
                "darkCountProbability", "visibility", "detectorEfficiency", "doubleExcitationProbability",
                "perAttemptDephasing", "absorptionEfficiency", "sourceEfficiency", "pairSourceFidelity",
                "linkFidelity", "linkSuccessProbability"}) {
            FIELDS.put(f, Kind.PROBABILITY);
        }
        FIELDS.put("attenuationDbPerKm", Kind.POSITIVE);
        FIELDS.put("lightSpeedKmPerS", Kind.POSITIVE);
        FIELDS.put("photonNumberResolving", Kind.FLAG);
        FIELDS.put("phaseNoiseSigma", Kind.ANGLE);
        FIELDS.put("memoryDephasing", Kind.CHOICE);
        FIELDS.put("linkModel", Kind.CHOICE);
    }

    /**
     * Link-level fields a link's configuration may override: the fibre, the station's detectors and
     * interferometer, the collection into the fibre, a midpoint source, and the generic link model.
     * Node-level physics (memories, gates, double excitation, absorption) stays with the node.
     */
    public static final Set<String> LINK_FIELDS = Set.of("attenuationDbPerKm", "lightSpeedKmPerS",
            "darkCountProbability", "visibility", "detectionWindow", "emissionEfficiency", "photonNumberResolving",
            "detectorEfficiency", "phaseNoiseSigma", "sourceEfficiency", "pairSourceFidelity",
            "linkModel", "linkFidelity", "linkSuccessProbability", "cycleTime");

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
        Map<String, Enum<?>> choice = new LinkedHashMap<>();
        for (Map.Entry<String, Kind> f : FIELDS.entrySet()) {
            Object raw = values.get(f.getKey());
            if (raw == null) {
                throw new ConfigurationException(f.getKey(), "missing from preset '" + preset + "'");
            }
            if (f.getValue() == Kind.CHOICE) {
                choice.put(f.getKey(), choose(f.getKey(), raw));
            } else {
                v.put(f.getKey(), check(f.getKey(), f.getValue(), raw));
            }
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
                v.get("photonNumberResolving") != 0,
                v.get("detectorEfficiency"), v.get("phaseNoiseSigma"), v.get("doubleExcitationProbability"),
                v.get("perAttemptDephasing"), (MemoryDephasing) choice.get("memoryDephasing"),
                v.get("absorptionEfficiency"), v.get("sourceEfficiency"), v.get("pairSourceFidelity"),
                (LinkModel) choice.get("linkModel"), v.get("linkFidelity"), v.get("linkSuccessProbability"),
                v.get("cycleTime").longValue());
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
        // A Gaussian τ parametrises its own channel on top of amplitude damping, so it is not bounded by
        // 2·T1; the bound holds for the exponential model, where T2 is the total coherence decay time.
        if (memoryDephasing == MemoryDephasing.EXPONENTIAL) {
            if (communicationT2 > 2 * communicationT1) {
                throw new ConfigurationException("communicationT2", "must be ≤ 2·communicationT1 (was "
                        + communicationT2 + " ns with T1 " + communicationT1 + " ns)");
            }
            if (storageT2 > 2 * storageT1) {
                throw new ConfigurationException("storageT2", "must be ≤ 2·storageT1 (was "
                        + storageT2 + " ns with T1 " + storageT1 + " ns)");
            }
        }
        if (linkModel == LinkModel.GENERIC && cycleTime <= 0) {
            throw new ConfigurationException("cycleTime", "must be > 0 with linkModel generic (was " + cycleTime + ")");
        }
    }

    private static Enum<?> choose(String field, Object raw) {
        String name = raw.toString().trim().toLowerCase(Locale.ROOT);
        Enum<?>[] options = CHOICES.get(field);
        for (Enum<?> option : options) {
            if (option.name().toLowerCase(Locale.ROOT).equals(name)) {
                return option;
            }
        }
        throw new ConfigurationException(field, "expected one of "
                + String.join(", ", Arrays.stream(options).map(o -> o.name().toLowerCase(Locale.ROOT)).toList())
                + " (was '" + raw + "')");
    }

    private static double check(String field, Kind kind, Object raw) {
        double value;
        try {
            value = switch (kind) {
                case TIME, DURATION -> Quantities.durationNanos(raw);
                case FLAG -> flag(field, raw);
                case ANGLE -> angle(raw);
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
                if (value < 1 || value != Math.rint(value) || value > NodeSpec.MAX_QUBITS) {
                    throw new ConfigurationException(field, "must be a whole number from 1 to " + NodeSpec.MAX_QUBITS
                            + " (was " + raw + ")");
                }
            }
            case TIME -> {
                if (value <= 0) {
                    throw new ConfigurationException(field, "must be > 0 (was " + raw + ")");
                }
            }
            case DURATION -> {
                if (!(value >= 0 && value <= MAX_DURATION_NANOS)) {
                    throw new ConfigurationException(field, "must be a finite duration ≥ 0 and ≤ 1h (was " + raw + ")");
                }
            }
            case PROBABILITY -> {
                if (value < 0 || value > 1) {
                    throw new ConfigurationException(field, "must be in [0, 1] (was " + raw + ")");
                }
            }
            case ANGLE -> {
                if (!(value >= 0 && value <= MAX_PHASE_NOISE_SIGMA)) {
                    throw new ConfigurationException(field, "must be a finite angle ≥ 0 and ≤ 2π rad (was " + raw + ")");
                }
            }
            case FLAG -> {
                // checked when read
            }
            case POSITIVE -> {
                boolean lightSpeed = field.equals("lightSpeedKmPerS");
                double min = lightSpeed ? MIN_LIGHT_SPEED_KM_PER_S : 0;
                double max = lightSpeed ? MAX_LIGHT_SPEED_KM_PER_S : MAX_ATTENUATION_DB_PER_KM;
                if (!(value >= min && value <= max)) {
                    throw new ConfigurationException(field, "must be finite, ≥ " + shown(min) + " and ≤ "
                            + shown(max) + (lightSpeed ? " km/s" : " dB/km") + " (was " + raw + ")");
                }
            }
            default -> throw new IllegalStateException();
        }
        return value;
    }

    /** A bound as written in messages: whole numbers without a decimal point. */
    private static String shown(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /** Radians as a number, or text with a unit: {@code 0.26rad}, {@code 15deg}, {@code 15°}. */
    private static double angle(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        String t = raw.toString().trim().toLowerCase(Locale.ROOT);
        for (String unit : new String[] {"deg", "°"}) {
            if (t.endsWith(unit)) {
                return Math.toRadians(parseAngleNumber(raw, t.substring(0, t.length() - unit.length())));
            }
        }
        return parseAngleNumber(raw, t.endsWith("rad") ? t.substring(0, t.length() - 3) : t);
    }

    private static double parseAngleNumber(Object raw, String number) {
        try {
            return Double.parseDouble(number.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an angle such as 0.26, 0.26rad or 15deg (was '" + raw + "')");
        }
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

    /**
     * Presets parsed so far, read-only: a network of N nodes of one preset parses its YAML once, not N times
     * (parsing was most of the time to build a 1,000-node world).
     */
    private static final java.util.concurrent.ConcurrentMap<String, Map<String, Object>> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Map<String, Object> loadPreset(String preset) {
        if (!PRESETS.contains(preset)) {
            throw new ConfigurationException("preset", "unknown device preset '" + preset + "' (known: "
                    + String.join(", ", PRESETS.stream().sorted().toList()) + ")");
        }
        return PARSED.computeIfAbsent(preset, DeviceParameters::parsePreset);
    }

    private static Map<String, Object> parsePreset(String preset) {
        String resource = "/org/qnetstack/sim/presets/" + preset + ".yaml";
        try (InputStream in = DeviceParameters.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset resource missing: " + resource);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            return java.util.Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read preset " + resource, e);
        }
    }

    public boolean isCommunicationQubit(int qubit) {
        return qubit < communicationQubits;
    }

    /**
     * Fibre transmissivity η_f(L) = 10^(−a·L/10) for attenuation {@code a} dB/km over {@code km} (docs/physics.md).
     */
    public static double transmissivity(double attenuationDbPerKm, double km) {
        return Math.pow(10, -attenuationDbPerKm * km / 10);
    }

    /**
     * Efficiency from emitter to detector click over {@code km} of fibre:
     * η = η_emission · η_detector · 10^(−a·L/10).
     */
    public double efficiencyOver(double km) {
        return emissionEfficiency * detectorEfficiency * transmissivity(attenuationDbPerKm, km);
    }

    /** One-way delay over {@code km} of fibre, in ns. */
    public long delayOver(double km) {
        return Math.round(km / lightSpeedKmPerS * 1e9);
    }

    /**
     * Probability that a storage qubit kept through {@code attempts} entanglement attempts has suffered a Z
     * flip: independent flips of probability p compound to (1 − (1 − 2p)^k)/2, so skipping k failed attempts
     * can apply one dephasing of this probability.
     */
    public double storageDephasingAfter(long attempts) {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be ≥ 0: " + attempts);
        }
        return -Math.expm1(attempts * Math.log1p(-2 * perAttemptDephasing)) / 2;
    }

    /**
     * Factor by which a qubit's coherence (off-diagonal element) shrinks while it is stored from age
     * {@code from} to age {@code to} (ns since its state was last prepared: initialised, heralded or
     * received). Exponential: e^(−(to−from)/T2). Gaussian: e^(−(to−from)/(2·T1)) · exp(−2(to² − from²)/τ²).
     */
    public double coherenceFactor(boolean communication, double from, double to) {
        checkAges(from, to);
        double t1 = communication ? communicationT1 : storageT1;
        double t2 = communication ? communicationT2 : storageT2;
        double dt = to - from;
        if (memoryDephasing == MemoryDephasing.EXPONENTIAL) {
            return Double.isInfinite(t2) ? 1 : Math.exp(-dt / t2);
        }
        double damping = Double.isInfinite(t1) ? 1 : Math.exp(-dt / (2 * t1));
        double r = Double.isInfinite(t2) ? 0 : (to * to - from * from) / (t2 * t2);
        return damping * Math.exp(-2 * r);
    }

    /**
     * Applies the memory noise of storing {@code engineQubit} from age {@code from} to age {@code to} (ns
     * since its state was last prepared). Exponential decay is memoryless, so only the difference counts.
     * Gaussian dephasing is not: exp(−2t²/τ²) over [0, t1] then [t1, t2] must total exp(−2t2²/τ²), so the
     * increment is exp(−2(t2² − t1²)/τ²). Applying it lazily therefore needs the ages, not just the
     * elapsed time; the caller resets the age when it prepares a fresh state.
     */
    public void applyMemoryDecay(StateEngine engine, int engineQubit, boolean communication, double from, double to) {
        checkAges(from, to);
        double t1 = communication ? communicationT1 : storageT1;
        double t2 = communication ? communicationT2 : storageT2;
        if (memoryDephasing == MemoryDephasing.EXPONENTIAL) {
            engine.decay(engineQubit, to - from, t1, t2);
            return;
        }
        if (!Double.isInfinite(t1)) {
            engine.amplitudeDamp(engineQubit, -Math.expm1(-(to - from) / t1));
        }
        if (!Double.isInfinite(t2)) {
            // (to − from)(to + from) rather than to² − from², which loses digits when from ≈ to.
            engine.gaussianDephase(engineQubit, Math.sqrt((to - from) * (to + from)), t2);
        }
    }

    private static void checkAges(double from, double to) {
        if (!(from >= 0) || !(to >= from) || Double.isInfinite(to)) {
            throw new IllegalArgumentException("need 0 ≤ from ≤ to < ∞: from=" + from + ", to=" + to);
        }
    }
}
