package org.qnetstack.api.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qnetstack.api.InvalidConfigurationException;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.sim.SimulatedPlatform;

/**
 * The stated range of every numeric field, from a network document to the simulated platform built from it:
 * each bound is accepted, a value just beyond it is refused with the field's path and the range. The loader
 * checks the network's own fields ({@code qubits}, {@code lengthKm}); the simulator checks device and link
 * parameters when it builds the devices, as {@code SimulatedNetwork.of} does.
 */
class ConfigurationBoundsTest {

    /** alice with the given device overrides, bob plain, one 10 km link with the given link fields. */
    private static String network(String aliceFields, String linkFields) {
        return "nodes:\n"
                + "  - { name: alice, device: { preset: nv-2022" + aliceFields + " } }\n"
                + "  - { name: bob, device: nv-2022 }\n"
                + "links: [{ between: [alice, bob], lengthKm: 10" + linkFields + " }]\n";
    }

    private static String device(String field, String value) {
        return network(", " + field + ": " + value, "");
    }

    private static String link(String field, String value) {
        return network("", ", " + field + ": " + value);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("node qubits 1..64", "nodes: [{ name: a, device: nv-2022, qubits: 64 }]"),
                Arguments.of("node qubits 1..64", "nodes: [{ name: a, device: ideal, qubits: 1 }]"),
                Arguments.of("lengthKm 0..40000", network("", "").replace("lengthKm: 10", "lengthKm: 0")),
                Arguments.of("lengthKm 0..40000", network("", "").replace("lengthKm: 10", "lengthKm: 40000")),
                Arguments.of("device qubits 1..64", device("qubits", "64")),
                Arguments.of("communicationQubits 1..64", device("qubits", "64, communicationQubits: 64")),
                Arguments.of("T1 > 0", device("communicationT1", "1e-9, communicationT2: 1e-9")),
                Arguments.of("T1, T2 inf", device("communicationT1", "inf, communicationT2: inf")),
                Arguments.of("durations 0..1h", device("emissionDuration", "0")),
                Arguments.of("durations 0..1h", device("emissionDuration", "1h")),
                Arguments.of("durations 0..1h", device("twoQubitGateDuration", "3600e9")),
                Arguments.of("durations 0..1h", link("detectionWindow", "60min")),
                Arguments.of("durations 0..1h", link("cycleTime", "1h")),
                Arguments.of("probabilities 0..1", device("readoutError0", "0")),
                Arguments.of("probabilities 0..1", link("visibility", "1")),
                Arguments.of("attenuation 0..100", link("attenuationDbPerKm", "0")),
                Arguments.of("attenuation 0..100", link("attenuationDbPerKm", "100")),
                Arguments.of("light speed 1000..c", link("lightSpeedKmPerS", "1000")),
                Arguments.of("light speed 1000..c", link("lightSpeedKmPerS", "299792.458")),
                Arguments.of("phase noise 0..2π", link("phaseNoiseSigma", "0")),
                Arguments.of("phase noise 0..2π", link("phaseNoiseSigma", "6.28")),
                Arguments.of("phase noise 0..2π", link("phaseNoiseSigma", "359deg")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("accepted")
    void acceptsEachBound(String range, String document) {
        PlatformSpec spec = NetworkConfig.parse(document);

        new SimulatedPlatform(spec).close();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // the network's own fields, checked by the loader
                refused("nodes: [{ name: a, device: nv-2022, qubits: 65 }]", "nodes[0].qubits", "must be ≤ 64"),
                refused(network("", "").replace("lengthKm: 10", "lengthKm: 40000.001"), "links[0].lengthKm",
                        "must be ≤ 40000 km"),
                refused(network("", "").replace("lengthKm: 10", "lengthKm: -0.001"), "links[0].lengthKm",
                        "must be ≥ 0"),
                // device parameters, checked by the simulator
                refused(device("qubits", "65"), "nodes[0].device.qubits", "from 1 to 64"),
                refused(device("communicationQubits", "0"), "nodes[0].device.communicationQubits", "from 1 to 64"),
                refused(device("communicationT1", "0"), "nodes[0].device.communicationT1", "> 0"),
                refused(device("storageT2", "-1s"), "nodes[0].device.storageT2", "> 0"),
                // issue 15: 1e308 ns overflowed the simulator's clock and made pairs faster
                refused(device("emissionDuration", "1e308"), "nodes[0].device.emissionDuration", "≤ 1h"),
                refused(device("emissionDuration", "1.001h"), "nodes[0].device.emissionDuration", "≤ 1h"),
                refused(device("measurementDuration", "-1"), "nodes[0].device.measurementDuration", "≥ 0"),
                refused(device("initStorageDuration", "inf"), "nodes[0].device.initStorageDuration", "finite"),
                refused(device("gateStorageDuration", "'NaN'"), "nodes[0].device.gateStorageDuration", "NaN"),
                refused(device("readoutError1", "1.0001"), "nodes[0].device.readoutError1", "[0, 1]"),
                refused(device("perAttemptDephasing", "-1e-9"), "nodes[0].device.perAttemptDephasing", "[0, 1]"),
                // link parameters
                refused(link("detectionWindow", "3601s"), "links[0].detectionWindow", "≤ 1h"),
                refused(link("cycleTime", "1e300"), "links[0].cycleTime", "≤ 1h"),
                refused(link("visibility", "1.5"), "links[0].visibility", "[0, 1]"),
                refused(link("attenuationDbPerKm", "100.5"), "links[0].attenuationDbPerKm", "≤ 100 dB/km"),
                refused(link("attenuationDbPerKm", "-0.1"), "links[0].attenuationDbPerKm", "≥ 0"),
                refused(link("lightSpeedKmPerS", "999"), "links[0].lightSpeedKmPerS", "≥ 1000"),
                refused(link("lightSpeedKmPerS", "300000"), "links[0].lightSpeedKmPerS", "≤ 299792.458 km/s"),
                refused(link("phaseNoiseSigma", "6.3"), "links[0].phaseNoiseSigma", "≤ 2π"),
                refused(link("phaseNoiseSigma", "361deg"), "links[0].phaseNoiseSigma", "≤ 2π"));
    }

    private static Arguments refused(String document, String path, String says) {
        return Arguments.of(path, says, document);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void refusesJustBeyondEachBound(String path, String says, String document) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> SimulatedNetwork.of(NetworkConfig.parse(document)).close());

        assertAll(() -> assertEquals(path, e.path(), e.getMessage()),
                () -> assertTrue(e.reason().contains(says), e.getMessage()));
    }
}
