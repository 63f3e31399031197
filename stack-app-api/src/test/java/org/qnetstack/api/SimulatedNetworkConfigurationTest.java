package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.api.InvalidConfigurationException;

/** A bad configuration fails to load with the path of the bad field and the reason. */
class SimulatedNetworkConfigurationTest {
    private static InvalidConfigurationException refused(String yaml) {
        return assertThrows(InvalidConfigurationException.class, () -> {
            try (SimulatedNetwork net = SimulatedNetwork.of(NetworkConfig.parse(yaml))) {
                net.nanos();
            }
        });
    }

    @Test
    void unknownFieldIsNamed() {
        InvalidConfigurationException e = refused("""
                nodes:
                  - { name: alice, device: nv-2022, qubitz: 3 }
                """);
        assertEquals("nodes[0].qubitz", e.path());
    }

    @Test
    void negativeLengthIsNamedWithItsValue() {
        InvalidConfigurationException e = refused("""
                nodes: [ { name: alice, device: nv-2022 }, { name: bob, device: nv-2022 } ]
                links: [ { between: [alice, bob], lengthKm: -3 } ]
                """);
        assertEquals("links[0].lengthKm", e.path());
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }

    @Test
    void linkToAnUndeclaredNodeIsNamed() {
        InvalidConfigurationException e = refused("""
                nodes: [ { name: alice, device: nv-2022 } ]
                links: [ { between: [alice, carol], lengthKm: 1 } ]
                """);
        assertEquals("links[0].between[1]", e.path());
        assertTrue(e.getMessage().contains("carol"), e.getMessage());
    }

    @Test
    void unknownDeviceFieldAndBadDeviceValueAreNamedByTheSimulator() {
        InvalidConfigurationException unknown = refused("""
                nodes: [ { name: alice, device: { preset: nv-2022, electronT3: 1s } } ]
                """);
        assertEquals("nodes[0].device.electronT3", unknown.path());
        InvalidConfigurationException badValue = refused("""
                nodes: [ { name: alice, device: { preset: nv-2022, readoutError0: 1.5 } } ]
                """);
        assertEquals("nodes[0].device.readoutError0", badValue.path());
        InvalidConfigurationException preset = refused("""
                nodes: [ { name: alice, device: nv-2099 } ]
                """);
        assertEquals("nodes[0].device.preset", preset.path());
    }

    @Test
    void overridesTakeEffect() {
        try (SimulatedNetwork net = SimulatedNetwork.of(NetworkConfig.parse("""
                nodes:
                  - { name: alice, device: { preset: nv-2022, electronT2: 1.0s } }
                  - { name: bob, device: nv-2022, qubits: 5 }
                links: [ { between: [alice, bob], lengthKm: 2, visibility: 1.0 } ]
                """))) {
            assertEquals(0, net.node("bob").qubitsInUse());
            double withPerfectVisibility = net.link("alice", "bob").heraldedFidelity(0.05);
            try (SimulatedNetwork preset = SimulatedNetwork.builder().node("alice", "nv-2022").node("bob", "nv-2022")
                    .link("alice", "bob", 2).build()) {
                // F ≈ (1−α)(1+√V)/2: V from 0.9 to 1 raises it by (1−√0.9)/2·(1−α) ≈ 0.0244 at α = 0.05
                assertEquals((1 - Math.sqrt(0.9)) / 2 * 0.95,
                        withPerfectVisibility - preset.link("alice", "bob").heraldedFidelity(0.05), 2e-3);
            }
        }
    }
}
