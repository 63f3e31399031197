package org.qnetstack.tcp.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.tcp.Malformed;
import org.qnetstack.tcp.PayloadTypes;

/**
 * The wire format. A frame is a 4-byte big-endian length, then that many bytes: a type byte and its
 * body. Handshake bodies are JSON ({@link Hello}, {@link Challenge}, {@link Proof}); a data body is an
 * 8-byte sequence number, a 32-byte HMAC under the session key over sequence number and JSON, then the
 * JSON {@link WireEnvelope}. Decoding is strict: unknown fields, trailing tokens, deep nesting and
 * payload types off the allow-list are refused.
 */
public final class Wire {
    public static final byte HELLO = 1;
    public static final byte CHALLENGE = 2;
    public static final byte AUTH = 3;
    public static final byte WELCOME = 4;
    public static final byte DATA = 5;
    /** Length prefix, type byte, sequence number, HMAC: what a data frame carries besides the JSON. */
    public static final int DATA_OVERHEAD = 4 + 1 + 8 + Keys.MAC_BYTES;

    /** Client → server: who I am, whom I want, my nonce. */
    public record Hello(String client, String server, byte[] nonce) {
    }

    /** Server → client: the server's nonce. */
    public record Challenge(byte[] nonce) {
    }

    /** Client → server (AUTH) or server → client (WELCOME): an HMAC proving the pair's key. */
    public record Proof(byte[] mac) {
    }

    /** An envelope on the wire: the payload is named by its allow-listed type. */
    public record WireEnvelope(String from, String to, String protocol, String type, JsonNode payload) {
    }

    private final ObjectMapper mapper;
    private final PayloadTypes types;

    public Wire(PayloadTypes types, int maxFrameBytes) {
        this.types = types;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(maxFrameBytes)
                        .maxNumberLength(100)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** The JSON of an envelope; throws {@link IllegalArgumentException} for a payload off the allow-list. */
    public byte[] encode(Envelope e) {
        Object payload = e.payload();
        String type = types.nameOf(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException("payload class " + payload.getClass().getName()
                    + " is not on the PayloadTypes allow-list; register it with PayloadTypes.with(name, class)");
        }
        return json(new WireEnvelope(e.from(), e.to(), e.protocol(), type, mapper.valueToTree(payload)));
    }

    public Envelope decodeEnvelope(byte[] json) throws Malformed {
        WireEnvelope w = decode(json, WireEnvelope.class);
        if (w.from() == null || w.to() == null || w.protocol() == null || w.type() == null || w.payload() == null) {
            throw new Malformed("envelope lacks from, to, protocol, type or payload");
        }
        Class<?> cls = types.classOf(w.type());
        if (cls == null) {
            throw new Malformed("payload type '" + w.type() + "' is not on the allow-list");
        }
        Object payload;
        try {
            payload = mapper.treeToValue(w.payload(), cls);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Malformed("payload does not decode as " + w.type() + ": " + e.getMessage(), e);
        }
        if (payload == null) {
            throw new Malformed("payload of type " + w.type() + " is null");
        }
        return new Envelope(w.from(), w.to(), w.protocol(), payload);
    }

    public byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    public <T> T decode(byte[] json, Class<T> type) throws Malformed {
        try {
            @Nullable T value = mapper.readValue(json, type);
            if (value == null) {
                throw new Malformed("empty " + type.getSimpleName());
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new Malformed("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A frame of the given type whose body is the parts one after the other. */
    public static ByteBuf frame(ByteBufAllocator alloc, byte type, byte[]... parts) {
        int length = 1;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuf buf = alloc.buffer(4 + length);
        buf.writeInt(length).writeByte(type);
        for (byte[] p : parts) {
            buf.writeBytes(p);
        }
        return buf;
    }

    /** The body after the type byte. */
    public static byte[] rest(ByteBuf frame) {
        byte[] b = new byte[frame.readableBytes()];
        frame.readBytes(b);
        return b;
    }
}
