package org.qnetstack.study.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.InvalidConfigurationException;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.study.Setting;

class ConfigurationOverridesTest {
    private static final String GENERIC = "classpath:networks/two-nodes-generic.yaml";

    @Test
    void changesTheNamedFieldsAndNothingElse() {
        PlatformSpec plain = ConfigurationOverrides.network(GENERIC, List.of());
        PlatformSpec longer = ConfigurationOverrides.network(GENERIC, List.of(new Setting("links[0].lengthKm", "25")));
        assertEquals(10, plain.links().get(0).lengthKm());
        assertEquals(25, longer.links().get(0).lengthKm());
        assertEquals(plain.nodes(), longer.nodes());
        assertEquals(plain.seed(), longer.seed());
    }

    @Test
    void aDeviceGivenByPresetNameTakesFieldsAsAUserWouldWriteThem() {
        PlatformSpec plain = ConfigurationOverrides.network(GENERIC, List.of());
        PlatformSpec faster = ConfigurationOverrides.network(GENERIC,
                List.of(new Setting("nodes[1].device.communicationT2", "2.5s")));
        assertEquals(plain.nodes().get(0), faster.nodes().get(0));
        assertTrue(!plain.nodes().get(1).equals(faster.nodes().get(1)), "bob's device changed");
    }

    @Test
    void aPathThatLeadsNowhereNamesTheSetting() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConfigurationOverrides.network(
                GENERIC, List.of(new Setting("links[3].lengthKm", "5"))));
        assertEquals("links[3].lengthKm", e.path());
        assertTrue(e.getMessage().contains("links has no element [3]"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> ConfigurationOverrides.network(GENERIC,
                List.of(new Setting("links[0].lengthKm.x", "5"))));
        assertThrows(ConfigurationException.class, () -> ConfigurationOverrides.network(GENERIC,
                List.of(new Setting("links[0].length-km", "5"))));
    }

    @Test
    void theLoaderStillChecksEveryValue() {
        // NetworkConfig's own check, as the application API reports it
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ConfigurationOverrides.network(GENERIC, List.of(new Setting("links[0].lengthKm", "-3"))));
        assertEquals("links[0].lengthKm", e.path());
    }

    @Test
    void aMissingConfigurationIsAConfigurationError() {
        assertThrows(ConfigurationException.class,
                () -> ConfigurationOverrides.network("classpath:networks/none.yaml", List.of()));
        assertThrows(ConfigurationException.class,
                () -> ConfigurationOverrides.network("/nonexistent/net.yaml", List.of()));
    }
}
