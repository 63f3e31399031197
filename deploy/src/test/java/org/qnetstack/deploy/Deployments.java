package org.qnetstack.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.api.config.NetworkConfig;

/** Network files with a deployment section on free loopback ports, for tests. */
final class Deployments {
    private Deployments() {
    }

    /** The network text plus a deployment section putting the world and every node on a free loopback port. */
    static Path write(Path dir, String network) {
        try {
            Path file = dir.resolve("network.yaml");
            Files.writeString(file, network + "\n" + DeploymentSpec.onLoopback(NetworkConfig.parse(network)).toYaml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two nodes 2 km apart whose link makes pairs quickly: generic devices, Werner pairs of fidelity 0.9. */
    static final String TWO_NODES = """
            seed: 7
            nodes:
              - { name: alice, device: generic }
              - { name: bob,   device: generic }
            links:
              - { between: [alice, bob], lengthKm: 2, linkFidelity: 0.9 }
            """;

    /** A chain with a repeater, memories that keep their state, so the swap formula is the whole story. */
    static final String CHAIN = """
            seed: 11
            nodes:
              - { name: alice,    device: { preset: generic, communicationT1: inf, communicationT2: inf, storageT1: inf, storageT2: inf } }
              - { name: repeater, device: { preset: generic, communicationT1: inf, communicationT2: inf, storageT1: inf, storageT2: inf } }
              - { name: bob,      device: { preset: generic, communicationT1: inf, communicationT2: inf, storageT1: inf, storageT2: inf } }
            links:
              - { between: [alice, repeater], lengthKm: 2, linkFidelity: 0.95 }
              - { between: [repeater, bob],   lengthKm: 2, linkFidelity: 0.95 }
            """;
}
