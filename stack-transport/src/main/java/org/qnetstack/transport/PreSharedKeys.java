package org.qnetstack.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ConfigurationException;

/**
 * The secret keys that pairs of nodes share before they talk, one per pair, with which the transport
 * authenticates their classical messages (HMAC-SHA256). Immutable: the key bytes are copied in and out,
 * and {@link #toString} never shows them.
 *
 * @param keys a key of at least {@value #MIN_KEY_BYTES} bytes for each pair of nodes that may exchange messages
 */
public record PreSharedKeys(Map<NodePair, byte[]> keys) {
    /** 128 bits: below this a key could be found by search; HMAC-SHA256 takes up to 64 bytes at full strength. */
    public static final int MIN_KEY_BYTES = 16;

    private static final String HMAC = "HmacSHA256";
    private static final byte[] DERIVATION_LABEL =
            "qnetstack/transport/simulation-key/v1".getBytes(StandardCharsets.UTF_8);

    public PreSharedKeys {
        if (keys == null) {
            throw new ConfigurationException("keys", "must be given (may be empty)");
        }
        TreeMap<NodePair, byte[]> copy = new TreeMap<>();
        for (Map.Entry<NodePair, byte[]> e : keys.entrySet()) {
            if (e.getKey() == null) {
                throw new ConfigurationException("keys", "a key is given for a null node pair");
            }
            byte[] key = e.getValue();
            String field = "keys[" + e.getKey() + "]";
            if (key == null) {
                throw new ConfigurationException(field, "the key must be given");
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new ConfigurationException(field, "a key of " + key.length + " bytes is too short: at least "
                        + MIN_KEY_BYTES + " are required");
            }
            copy.put(e.getKey(), key.clone());
        }
        keys = Collections.unmodifiableMap(copy);
    }

    /** No keys at all: every message would be refused. */
    public static PreSharedKeys none() {
        return new PreSharedKeys(Map.of());
    }

    /**
     * A 32-byte key for every pair of the nodes, derived from a seed: for simulations, where every node
     * lives in one process. Such keys are only as secret as the seed; a deployment configures real ones.
     */
    public static PreSharedKeys derivedFromSeed(long seed, Collection<String> nodes) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            byte[] master = ByteBuffer.allocate(DERIVATION_LABEL.length + 8).put(DERIVATION_LABEL).putLong(seed).array();
            mac.init(new SecretKeySpec(master, HMAC));
            List<String> names = new ArrayList<>(nodes);
            TreeMap<NodePair, byte[]> keys = new TreeMap<>();
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    NodePair pair = NodePair.of(names.get(i), names.get(j));
                    keys.put(pair, mac.doFinal(pair.toString().getBytes(StandardCharsets.UTF_8)));
                }
            }
            return new PreSharedKeys(keys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is required of every Java platform", e);
        }
    }

    /** The same keys with one more (or another) for a pair. */
    public PreSharedKeys with(String a, String b, byte[] key) {
        TreeMap<NodePair, byte[]> more = new TreeMap<>(keys);
        more.put(NodePair.of(a, b), key);
        return new PreSharedKeys(more);
    }

    /** A copy of the key two nodes share, if any. */
    public Optional<byte[]> key(String a, String b) {
        if (a.equals(b)) {
            return Optional.empty();
        }
        byte[] key = keys.get(NodePair.of(a, b));
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    @Override
    public Map<NodePair, byte[]> keys() {
        TreeMap<NodePair, byte[]> copy = new TreeMap<>();
        keys.forEach((pair, key) -> copy.put(pair, key.clone()));
        return copy;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof PreSharedKeys other) || !other.keys.keySet().equals(keys.keySet())) {
            return false;
        }
        return keys.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.keys.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return keys.entrySet().stream().mapToInt(e -> e.getKey().hashCode() ^ Arrays.hashCode(e.getValue())).sum();
    }

    /** The pairs only: keys must not end up in logs. */
    @Override
    public String toString() {
        return "PreSharedKeys" + keys.keySet() + " (keys hidden)";
    }
}
