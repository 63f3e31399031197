package org.qnetstack.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.PlatformSpec;

class DeploymentKeysTest {
    @TempDir
    Path dir;

    private Path network(String secretLine) throws IOException {
        Path file = dir.resolve("net.yaml");
        Files.writeString(file, Deployments.TWO_NODES + """
                deployment:
                  world: 127.0.0.1:7400
                  nodes: { alice: 127.0.0.1:7401, bob: 127.0.0.1:7402 }
                """ + secretLine);
        return file;
    }

    @Test
    void aSecretFileGivesEachNodeItsOwnKeyThatOnlyTheSecretDerives() throws IOException {
        Files.writeString(dir.resolve("secret.key"), "0123456789abcdef0123456789abcdef\n");
        Path file = network("  secretFile: secret.key\n");
        PlatformSpec spec = NetworkConfig.load(file);
        DeploymentSpec deployment = NetworkConfig.deployment(file).orElseThrow();
        assertEquals(dir.resolve("secret.key").toAbsolutePath(), deployment.secretFile(), "relative to the file");

        byte[] alice = DeploymentKeys.worldKey(spec, deployment, "alice");
        byte[] bob = DeploymentKeys.worldKey(spec, deployment, "bob");
        byte[] fromSeed = DeploymentKeys.worldKey(spec, new DeploymentSpec(deployment.world(), deployment.nodes()),
                "alice");
        assertEquals(32, alice.length);
        assertFalse(Arrays.equals(alice, bob), "one key per node");
        assertFalse(Arrays.equals(alice, fromSeed), "the seed does not give the secret's keys");
        assertArrayEquals(alice, DeploymentKeys.worldKey(spec, deployment, "alice"), "the same every time");

        Files.writeString(dir.resolve("secret.key"), "another secret, also long enough");
        assertFalse(Arrays.equals(alice, DeploymentKeys.worldKey(spec, deployment, "alice")),
                "another secret, other keys");
    }

    @Test
    void aShortOrMissingSecretIsAConfigurationErrorNamingTheField() throws IOException {
        Files.writeString(dir.resolve("short.key"), "too short");
        Path file = network("  secretFile: short.key\n");
        PlatformSpec spec = NetworkConfig.load(file);
        DeploymentSpec shortSecret = NetworkConfig.deployment(file).orElseThrow();
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> DeploymentKeys.worldKey(spec, shortSecret, "alice"));
        assertTrue(e.getMessage().startsWith("deployment.secretFile:") && e.getMessage().contains("at least 16"),
                e.getMessage());

        DeploymentSpec missing = new DeploymentSpec(shortSecret.world(), shortSecret.nodes(), dir.resolve("nope"));
        e = assertThrows(ConfigurationException.class, () -> DeploymentKeys.worldKey(spec, missing, "alice"));
        assertTrue(e.getMessage().startsWith("deployment.secretFile: cannot read"), e.getMessage());

        // The launcher says so before it opens any port, with exit status 2.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Launcher.run(List.of("node", "--config", file.toString(), "--node", "alice"),
                ProgramCatalog.NONE, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("deployment.secretFile"), bytes.toString());
    }
}
