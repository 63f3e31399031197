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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ConfigurationException;

/**
 * The secret keys that pairs of nodes share before they talk, one per pair, with which the transport
 * authenticates their classical messages (HMAC-SHA256). Immutable: the key bytes are copied in and out,
 * and {@link #toString} never shows them.
 *
 * <p>Keys are either given (a deployment's) or derived from a seed ({@link #derivedFromSeed}, for simulations):
 * derived keys are computed when a pair first asks for theirs, so a network of N nodes costs O(N) to set up
 * rather than a table of N² keys, of which a chain's nodes use a handful each.
 */
public final class PreSharedKeys {
    /** 128 bits: below this a key could be found by search; HMAC-SHA256 takes up to 64 bytes at full strength. */
    public static final int MIN_KEY_BYTES = 16;

    private static final String HMAC = "HmacSHA256";
    private static final byte[] DERIVATION_LABEL =
            "qnetstack/transport/simulation-key/v1".getBytes(StandardCharsets.UTF_8);
    /** Beyond this many nodes, {@link #toString} counts the pairs instead of naming them. */
    private static final int NAMED_NODES = 12;

    private final Map<NodePair, byte[]> given;
    private final @Nullable Derivation derived;

    /** What derives the keys of every pair of a set of nodes: the master key made from the seed. */
    private record Derivation(long seed, Set<String> nodes, SecretKeySpec master) {
    }

    /**
     * Given keys.
     *
     * @param keys a key of at least {@value #MIN_KEY_BYTES} bytes for each pair of nodes that may exchange messages
     * @throws ConfigurationException naming the pair whose key is missing or too short
     */
    public PreSharedKeys(Map<NodePair, byte[]> keys) {
        this(checked(keys), null);
    }

    private PreSharedKeys(Map<NodePair, byte[]> given, @Nullable Derivation derived) {
        this.given = given;
        this.derived = derived;
    }

    private static Map<NodePair, byte[]> checked(Map<NodePair, byte[]> keys) {
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
        return Collections.unmodifiableMap(copy);
    }

    /** No keys at all: every message would be refused. */
    public static PreSharedKeys none() {
        return new PreSharedKeys(Map.of());
    }

    /**
     * A 32-byte key for every pair of the nodes, derived from a seed: for simulations, where every node
     * lives in one process. Such keys are only as secret as the seed; a deployment configures real ones.
     * Each pair's key is derived when first asked for.
     */
    public static PreSharedKeys derivedFromSeed(long seed, Collection<String> nodes) {
        byte[] master = ByteBuffer.allocate(DERIVATION_LABEL.length + 8).put(DERIVATION_LABEL).putLong(seed).array();
        return new PreSharedKeys(Map.of(), new Derivation(seed, Collections.unmodifiableSet(new TreeSet<>(nodes)),
                new SecretKeySpec(master, HMAC)));
    }

    /** The same keys with one more (or another) for a pair. */
    public PreSharedKeys with(String a, String b, byte[] key) {
        TreeMap<NodePair, byte[]> more = new TreeMap<>(given);
        more.put(NodePair.of(a, b), key);
        return new PreSharedKeys(checked(more), derived);
    }

    /** A copy of the key two nodes share, if any. */
    public Optional<byte[]> key(String a, String b) {
        if (a.equals(b)) {
            return Optional.empty();
        }
        NodePair pair = NodePair.of(a, b);
        byte[] key = given.get(pair);
        if (key != null) {
            return Optional.of(key.clone());
        }
        if (derived != null && derived.nodes().contains(a) && derived.nodes().contains(b)) {
            return Optional.of(derive(derived, pair));
        }
        return Optional.empty();
    }

    private static byte[] derive(Derivation d, NodePair pair) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(d.master());
            return mac.doFinal(pair.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is required of every Java platform", e);
        }
    }

    /**
     * A copy of every key, by pair. For derived keys this derives all N·(N − 1)/2 of them: meant for small
     * networks and tests; the transport asks {@link #key} for the pairs it meets.
     */
    public Map<NodePair, byte[]> keys() {
        TreeMap<NodePair, byte[]> copy = new TreeMap<>();
        if (derived != null) {
            List<String> names = new ArrayList<>(derived.nodes());
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    NodePair pair = NodePair.of(names.get(i), names.get(j));
                    copy.put(pair, derive(derived, pair));
                }
            }
        }
        given.forEach((pair, key) -> copy.put(pair, key.clone()));
        return copy;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof PreSharedKeys other)) {
            return false;
        }
        if (Objects.equals(derived == null ? null : derived.nodes(), other.derived == null ? null : other.derived.nodes())
                && (derived == null || derived.seed() == other.derived.seed())) {
            return sameKeys(given, other.given);
        }
        return sameKeys(keys(), other.keys());
    }

    private static boolean sameKeys(Map<NodePair, byte[]> a, Map<NodePair, byte[]> b) {
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        int h = given.entrySet().stream().mapToInt(e -> e.getKey().hashCode() ^ Arrays.hashCode(e.getValue())).sum();
        return derived == null ? h : 31 * h + Long.hashCode(derived.seed()) + derived.nodes().hashCode();
    }

    /** The pairs only: keys must not end up in logs. */
    @Override
    public String toString() {
        if (derived != null && derived.nodes().size() > NAMED_NODES) {
            return "PreSharedKeys[derived for every pair of " + derived.nodes().size() + " nodes"
                    + (given.isEmpty() ? "" : ", given for " + given.size() + " pairs") + "] (keys hidden)";
        }
        java.util.Set<NodePair> pairs = new TreeSet<>(given.keySet());
        if (derived != null) {
            List<String> names = new ArrayList<>(derived.nodes());
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    pairs.add(NodePair.of(names.get(i), names.get(j)));
                }
            }
        }
        return "PreSharedKeys" + pairs + " (keys hidden)";
    }
}
