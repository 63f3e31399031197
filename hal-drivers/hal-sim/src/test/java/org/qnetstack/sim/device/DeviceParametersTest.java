package org.qnetstack.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.sim.device.DeviceParameters.LinkModel;
import org.qnetstack.sim.device.DeviceParameters.MemoryDephasing;

/** Presets load with the reference values; invalid parameters are refused at load with the field named. */
class DeviceParametersTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void everyPresetLoads() {
        assertEquals(5, DeviceParameters.PRESETS.size());
        for (String preset : DeviceParameters.PRESETS) {
            assertEquals(preset, DeviceParameters.of(preset, Map.of()).model());
        }
    }

    @Test
    void fibreTransmissivityIsTenToTheMinusALOverTen() {
        // docs/physics.md: 0.2 dB/km over 50 km → 0.1.
        assertEquals(0.1, DeviceParameters.transmissivity(0.2, 50), 1e-15);
        assertEquals(1.0, DeviceParameters.transmissivity(0.2, 0), 0);
        DeviceParameters p = DeviceParameters.of("ideal", Map.of("attenuationDbPerKm", 0.2));
        assertEquals(0.1, p.efficiencyOver(50), 1e-15);
        // η = emission · detector · fibre
        DeviceParameters q = DeviceParameters.of("ideal", Map.of("attenuationDbPerKm", 0.2,
                "emissionEfficiency", 0.5, "detectorEfficiency", 0.8));
        assertEquals(0.5 * 0.8 * 0.1, q.efficiencyOver(50), 1e-15);
    }

    @Test
    void nv2019LabCarriesTheReferenceFigures() {
        DeviceParameters nv = DeviceParameters.of("nv-2019-lab", Map.of());
        assertEquals(1, nv.communicationQubits());
        assertTrue(nv.isCommunicationQubit(0));
        assertFalse(nv.isCommunicationQubit(1));
        // Total detection efficiency without cavity: the mean of 2.8e-4 and 4.2e-4.
        assertEquals(3.5e-4, nv.efficiencyOver(0), 1e-15);
        assertEquals(0.8, nv.detectorEfficiency(), 0);
        assertEquals(206_753, nv.lightSpeedKmPerS(), 0);
        assertEquals(5, nv.attenuationDbPerKm(), 0);
        assertEquals(Math.toRadians(15), nv.phaseNoiseSigma(), 1e-15);
        assertEquals(0.04, nv.doubleExcitationProbability(), 0);
        assertEquals(0.05, nv.readoutError0(), 1e-15);
        assertEquals(0.005, nv.readoutError1(), 1e-15);
        assertEquals(5_500, nv.emissionDuration());
        // Per-attempt carbon dephasing from Δω/2π = 77 kHz and τ = 163 ns: p = (1 − exp(−(Δωτ)²/2))/2.
        double x = 2 * Math.PI * 77e3 * 163e-9;
        assertEquals((1 - Math.exp(-x * x / 2)) / 2, nv.perAttemptDephasing(), 1e-10);
        assertEquals(1.5523e-3, nv.perAttemptDephasing(), 1e-7);
        assertEquals(MemoryDephasing.EXPONENTIAL, nv.memoryDephasing());
        assertEquals(LinkModel.PHYSICAL, nv.linkModel());
        // 5 µs per km at 206,753 km/s is 4.837 µs.
        assertEquals(4837, nv.delayOver(1));
    }

    @Test
    void ion2022IsAllCommunicationWithGaussianDephasing() {
        DeviceParameters ion = DeviceParameters.of("ion-2022", Map.of());
        assertEquals(ion.qubits(), ion.communicationQubits());
        assertEquals(MemoryDephasing.GAUSSIAN, ion.memoryDephasing());
        assertEquals(85e6, ion.communicationT2(), 0);
        assertEquals(INF, ion.communicationT1(), 0);
        assertEquals(36_000, ion.initCommunicationDuration());
        assertEquals(26_600, ion.gateCommunicationDuration());
        assertEquals(107_000, ion.twoQubitGateDuration());
        assertEquals(1_500_000, ion.measurementDuration());
        assertEquals(0.02, ion.gateCommunicationError(), 0);
        assertEquals(0.1, ion.twoQubitGateError(), 0);
        assertEquals(0.111, ion.efficiencyOver(0), 1e-15);
        assertEquals(0.25, ion.attenuationDbPerKm(), 0);
        assertEquals(1.4e-5, ion.darkCountProbability(), 0);
        assertEquals(0.89, ion.visibility(), 0);
    }

    @Test
    void genericIsTheNetQasmTeleportLink() {
        DeviceParameters g = DeviceParameters.of("generic", Map.of());
        assertEquals(LinkModel.GENERIC, g.linkModel());
        assertEquals(0.8, g.linkFidelity(), 0);
        assertEquals(0.01, g.linkSuccessProbability(), 0);
        assertEquals(10_000, g.cycleTime());
        for (double error : new double[] {g.initCommunicationError(), g.gateCommunicationError(), g.gateStorageError(),
                g.twoQubitGateError(), g.readoutError0(), g.readoutError1()}) {
            assertEquals(0, error, 0, "no gate noise");
        }
    }

    @Test
    void idealSwitchesEveryNoiseSourceOff() {
        DeviceParameters p = DeviceParameters.of("ideal", Map.of());
        assertEquals(1, p.efficiencyOver(100), 0);
        assertEquals(0, p.phaseNoiseSigma(), 0);
        assertEquals(0, p.doubleExcitationProbability(), 0);
        assertEquals(0, p.perAttemptDephasing(), 0);
        assertEquals(1, p.absorptionEfficiency(), 0);
        assertEquals(1, p.pairSourceFidelity(), 0);
        assertEquals(INF, p.storageT2(), 0);
    }

    @Test
    void overridesAreParsedWithUnitsAndChoices() {
        DeviceParameters p = DeviceParameters.of("ideal", Map.of("phaseNoiseSigma", "15deg", "memoryDephasing", "Gaussian",
                "linkModel", "generic", "cycleTime", "20us", "storageT2", "85ms"));
        assertEquals(Math.toRadians(15), p.phaseNoiseSigma(), 1e-15);
        assertEquals(MemoryDephasing.GAUSSIAN, p.memoryDephasing());
        assertEquals(LinkModel.GENERIC, p.linkModel());
        assertEquals(20_000, p.cycleTime());
        assertEquals(0.3, DeviceParameters.of("ideal", Map.of("phaseNoiseSigma", "0.3rad")).phaseNoiseSigma(), 0);
        assertEquals(0.3, DeviceParameters.of("ideal", Map.of("phaseNoiseSigma", 0.3)).phaseNoiseSigma(), 0);
    }

    @Test
    void everyLinkFieldIsAnOverridableField() {
        // Each link field, overridden with the preset's own value, is accepted by of() and by checkLinkOverrides.
        DeviceParameters base = DeviceParameters.of("nv-2019-lab", Map.of());
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (RecordComponent c : DeviceParameters.class.getRecordComponents()) {
            if (DeviceParameters.LINK_FIELDS.contains(c.getName())) {
                Object value = invoke(c, base);
                overrides.put(c.getName(), value instanceof Enum<?> e ? e.name().toLowerCase() : value);
            }
        }
        assertEquals(DeviceParameters.LINK_FIELDS, overrides.keySet());
        DeviceParameters.checkLinkOverrides(overrides);
        assertEquals(base, DeviceParameters.of("nv-2019-lab", overrides));
        for (String nodeField : new String[] {"storageT2", "absorptionEfficiency", "doubleExcitationProbability",
                "perAttemptDephasing", "memoryDephasing"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> DeviceParameters.checkLinkOverrides(Map.of(nodeField, 0)));
            assertEquals(nodeField, e.path());
        }
    }

    // ---- refusals, each with the field named ---------------------------------------------------------

    @Test
    void probabilitiesOutsideZeroToOneAreRefused() {
        for (String field : new String[] {"detectorEfficiency", "doubleExcitationProbability", "perAttemptDephasing",
                "absorptionEfficiency", "sourceEfficiency", "pairSourceFidelity", "linkFidelity",
                "linkSuccessProbability", "darkCountProbability", "readoutError0"}) {
            for (Object bad : new Object[] {1.5, -0.01, "2"}) {
                assertRefused("nv-2022", Map.of(field, bad), field, "[0, 1]");
            }
        }
        assertRefused("nv-2022", Map.of("visibility", "high"), "visibility", "expected a number");
    }

    @Test
    void t2AboveTwiceT1IsRefused() {
        assertRefused("nv-2022", Map.of("communicationT2", "5h"), "communicationT2", "2·communicationT1");
        assertRefused("nv-2019-lab", Map.of("storageT1", "1ms", "storageT2", "3ms"), "storageT2", "2·storageT1");
        // A Gaussian τ is its own channel on top of amplitude damping: not bounded by 2·T1.
        DeviceParameters ion = DeviceParameters.of("ion-2022", Map.of("communicationT1", "10ms"));
        assertEquals(85e6, ion.communicationT2(), 0);
        assertRefused("ion-2022", Map.of("communicationT1", "10ms", "memoryDephasing", "exponential"),
                "communicationT2", "2·communicationT1");
    }

    @Test
    void negativeTimesAreRefused() {
        assertRefused("nv-2022", Map.of("communicationT1", "-1s"), "communicationT1", "> 0");
        assertRefused("nv-2022", Map.of("carbonT2", 0), "storageT2", "> 0"); // an alias is reported by its field
        assertRefused("nv-2022", Map.of("measurementDuration", -3), "measurementDuration", "≥ 0");
        assertRefused("nv-2022", Map.of("cycleTime", "-5us"), "cycleTime", "≥ 0");
        assertRefused("nv-2022", Map.of("emissionDuration", "inf"), "emissionDuration", "finite");
        assertRefused("nv-2022", Map.of("phaseNoiseSigma", "-15deg"), "phaseNoiseSigma", "≥ 0");
        assertRefused("nv-2022", Map.of("phaseNoiseSigma", "wobbly"), "phaseNoiseSigma", "angle");
        assertRefused("generic", Map.of("cycleTime", 0), "cycleTime", "> 0 with linkModel generic");
    }

    @Test
    void unknownPresetsChoicesAndFieldsAreRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> DeviceParameters.of("nv-2030", Map.of()));
        assertEquals("preset", e.path());
        assertTrue(e.reason().contains("ion-2022") && e.reason().contains("generic"), e.reason());
        assertRefused("ion-2022", Map.of("memoryDephasing", "lorentzian"), "memoryDephasing", "exponential, gaussian");
        assertRefused("ion-2022", Map.of("linkModel", "magic"), "linkModel", "physical, generic");
        assertRefused("ion-2022", Map.of("colour", "blue"), "colour", "unknown device field");
    }

    private static void assertRefused(String preset, Map<String, Object> overrides, String field, String says) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> DeviceParameters.of(preset, overrides),
                overrides.toString());
        assertEquals(field, e.path(), e.getMessage());
        assertTrue(e.reason().contains(says), e.getMessage());
    }

    private static Object invoke(RecordComponent c, DeviceParameters p) {
        try {
            return c.getAccessor().invoke(p);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
