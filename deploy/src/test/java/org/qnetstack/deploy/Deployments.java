package org.qnetstack.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Network files with a deployment section on free loopback ports, for tests. */
final class Deployments {
    private Deployments() {
    }

    /** Ports free at the time of asking (the usual race with other processes is accepted in tests). */
    static List<Integer> freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                s.setReuseAddress(true);
                sockets.add(s);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket cannot matter
                }
            }
        }
    }

    /** The network text plus a deployment section giving the world and each named node a free port. */
    static Path write(Path dir, String network, List<String> nodes) {
        List<Integer> ports = freePorts(nodes.size() + 1);
        StringBuilder text = new StringBuilder(network).append("\ndeployment:\n  world: 127.0.0.1:")
                .append(ports.get(0)).append("\n  nodes:\n");
        for (int i = 0; i < nodes.size(); i++) {
            text.append("    ").append(nodes.get(i)).append(": 127.0.0.1:").append(ports.get(i + 1)).append('\n');
        }
        try {
            Path file = dir.resolve("network.yaml");
            Files.writeString(file, text);
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
