package org.qnetstack.apps.relay;

import java.util.List;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.Node;
import org.qnetstack.apps.qkd.AuthenticatedChannel;
import org.qnetstack.apps.qkd.BitString;
import org.qnetstack.apps.qkd.SealedMessage;

/**
 * Key relay along a chain of trusted nodes n₀ – n₁ – … – n_k. Every hop (n_i, n_{i+1}) first makes a key K_i by
 * QKD (e.g. {@link org.qnetstack.apps.bb84.Bb84} and the post-processing of {@code apps.qkd}). The end-to-end key
 * is K₀, the first hop's; n_i (0 &lt; i &lt; k) receives C_{i−1} = K₀ ⊕ K_{i−1} from n_{i−1}, recovers K₀ with
 * K_{i−1}, and sends C_i = K₀ ⊕ K_i on, so n_k recovers K₀ with K_{k−1}. Each C_i is a one-time pad of K₀ (K_i is
 * uniform and used once) and travels sealed by HMAC-SHA256 under a key the two neighbours share beforehand
 * ({@link AuthenticatedChannel}), so no one on the fibre learns or alters it unnoticed.
 *
 * <p><b>Trust assumption.</b> Every intermediate node holds K₀ in the clear: the key is secret only if all of
 * them are honest and uncompromised. That is what stage 1 means, and what the next stage removes.
 *
 * <p>The relayed key is as long as the shortest hop key; longer hop keys are cut to it.
 */
public final class TrustedRelay {
    /** Classical channel of the relay's messages. */
    public static final int CHANNEL = 23;

    private TrustedRelay() {
    }

    /** The length of the key the hop keys can relay: the shortest of them. */
    public static int relayLength(List<BitString> hopKeys) {
        return hopKeys.stream().mapToInt(BitString::length).min().orElse(0);
    }

    /**
     * The program of node {@code path.get(index)}: the first node sends, intermediate nodes relay, the last one
     * receives. Returns the end-to-end key as this node holds it. Blocks.
     *
     * @param towardsStart the key this node shares with the previous node (ignored at the first node)
     * @param towardsEnd   the key this node shares with the next node (ignored at the last node)
     * @param authentication the pre-shared keys (≥ 32 bytes) with the previous and the next node, in that order
     *                   (null where there is no such neighbour)
     * @throws org.qnetstack.apps.qkd.AuthenticationException if a relayed message was forged or replayed
     */
    public static BitString node(Node node, List<String> path, int index, int length, BitString towardsStart,
                                 BitString towardsEnd, byte[][] authentication) {
        if (path.size() < 2 || index < 0 || index >= path.size() || !path.get(index).equals(node.name())) {
            throw new IllegalArgumentException(node.name() + " is not node " + index + " of the path " + path);
        }
        BitString key;
        if (index == 0) {
            key = towardsEnd.substring(0, length);
        } else {
            String previous = path.get(index - 1);
            ClassicalSocket in = node.classicalSocket(previous, CHANNEL);
            AuthenticatedChannel channel = new AuthenticatedChannel(authentication[0], node.name(), previous);
            SealedMessage sealed = in.recv(SealedMessage.class).block();
            BitString pad = BitString.ofWords(longs(channel.open(sealed)), length);
            key = pad.xor(towardsStart.substring(0, length));
        }
        if (index < path.size() - 1) {
            String next = path.get(index + 1);
            AuthenticatedChannel channel = new AuthenticatedChannel(authentication[1], node.name(), next);
            BitString pad = key.xor(towardsEnd.substring(0, length));
            node.classicalSocket(next, CHANNEL).send(channel.seal(bytes(pad.toLongArray()))).block();
        }
        return key;
    }

    private static byte[] bytes(long[] words) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * words.length);
        for (long w : words) {
            b.putLong(w);
        }
        return b.array();
    }

    private static long[] longs(byte[] bytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        long[] words = new long[bytes.length / 8];
        for (int i = 0; i < words.length; i++) {
            words[i] = b.getLong();
        }
        return words;
    }
}
