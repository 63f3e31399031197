package org.qnetstack.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.deploy.internal.WorldMessages;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.transport.PreSharedKeys;

/**
 * The keys that authenticate a node to the world service. With the deployment's {@code secretFile}, each is
 * HMAC-SHA256(secret, node name): only processes given the secret can join. Without one, they are derived from
 * the network's seed as the simulated network derives the nodes' keys: reproducible, and only as secret as the
 * seed and the file.
 */
public final class DeploymentKeys {
    /** The shortest secret accepted, as for any pre-shared key. */
    public static final int MIN_SECRET_BYTES = PreSharedKeys.MIN_KEY_BYTES;

    private DeploymentKeys() {
    }

    /**
     * The key a node shares with the world service.
     *
     * @throws ConfigurationException if the secret file cannot be read or is too short
     */
    public static byte[] worldKey(PlatformSpec spec, DeploymentSpec deployment, String node) {
        if (spec.node(node).isEmpty()) {
            throw new IllegalArgumentException("no node '" + node + "' in the network (nodes: "
                    + String.join(", ", spec.nodes().stream().map(NodeSpec::name).toList()) + ")");
        }
        Path file = deployment.secretFile();
        if (file == null) {
            // A pair's key depends only on the seed and the pair, so derive just this one.
            return PreSharedKeys.derivedFromSeed(spec.seed(), List.of(node, WorldMessages.WORLD))
                    .key(node, WorldMessages.WORLD).orElseThrow();
        }
        byte[] secret;
        try {
            secret = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("deployment.secretFile", "cannot read " + file + ": " + e.getMessage());
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new ConfigurationException("deployment.secretFile", file + " holds " + secret.length
                    + " bytes; a secret needs at least " + MIN_SECRET_BYTES + " (e.g. openssl rand -hex 32 > "
                    + file.getFileName() + ")");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("qnetstack world key for " + node).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
