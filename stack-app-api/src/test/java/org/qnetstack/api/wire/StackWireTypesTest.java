package org.qnetstack.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.messaging.WireTypeRegistry;
import org.qnetstack.physical.ClassicalFaults;

/**
 * The stack's wire types as a deployment loads them ({@link WireTypeRegistry#load()}, every layer's provider on
 * the class path): exactly the names deployed peers know, each class a record whose fields decode as their
 * declared types, and a sample of each, with every field set and again with every nullable field null, comes back
 * from the wire equal.
 */
class StackWireTypesTest {
    /** The names deployed nodes decode by: changing one breaks compatibility with every running node. */
    private static final Set<String> DEPLOYED_NAMES = Set.of(
            "mhp.gen", "mhp.gen-run", "mhp.gen-stop", "mhp.run-ack", "mhp.reply", "mhp.reply-ack",
            "link.add-request", "link.add", "link.add-ack", "link.hold", "link.not-held", "link.decision",
            "link.test-outcome", "link.end-request", "link.end", "link.end-ack",
            "net.setup", "net.swapped", "net.distil", "net.distil-reply", "net.expire", "net.expire-ack", "net.test-outcome",
            "transport.data", "transport.ack");
    private static final Map<String, Class<?>> ALL = WireTypeRegistry.load().byName();

    /** Samples of types whose canonical constructors check their values. */
    private static final Map<Class<?>, Object> FIXED = Map.of(BasisChoice.class, BasisChoice.chshSecond(),
            Distillation.class, new Distillation(DistillationProtocol.BBPSSW, 3));

    @Test
    void theRegistryNamesEveryLayersPayloadsOnceUnderTheDeployedNames() {
        Map<String, Class<?>> all = ALL;
        assertEquals(DEPLOYED_NAMES, all.keySet(), "6 heralding, 10 link, 6 network, 2 transport");
        assertEquals(all.size(), Set.copyOf(all.values()).size(), "one name per class");
        Set<String> prefixes = new TreeSet<>();
        all.keySet().forEach(name -> prefixes.add(name.substring(0, name.indexOf('.'))));
        assertEquals(Set.of("mhp", "link", "net", "transport"), prefixes);
        assertThrows(UnsupportedOperationException.class, () -> all.put("x", String.class));
    }

    @Test
    void everyRegisteredClassIsARecordOfWireFriendlyFields() {
        ALL.forEach((name, type) -> {
            assertTrue(type.isRecord(), name + " is a record");
            checkFields(name, type);
        });
    }

    /** No field declared Object (or an interface, a raw list, a map): those would not come back as classes. */
    private static void checkFields(String path, Class<?> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            checkType(path + "." + c.getName(), c.getGenericType());
        }
    }

    private static void checkType(String path, Type t) {
        if (t instanceof ParameterizedType p) {
            assertEquals(List.class, p.getRawType(), path + ": only lists as containers");
            checkType(path + "[]", p.getActualTypeArguments()[0]);
            return;
        }
        assertTrue(t instanceof Class<?>, path + " has a concrete type, was " + t);
        Class<?> c = (Class<?>) t;
        if (c.isRecord()) {
            checkFields(path, c);
        } else {
            assertTrue(c.isPrimitive() || c.isEnum() || c == String.class || c == byte[].class
                    || c == Double.class || c == Long.class || c == Integer.class, path + " is " + c.getName());
        }
    }

    @Test
    void aSampleOfEveryClassRoundTripsThroughTheWire() {
        SerializingClassicalNetwork wire = new SerializingClassicalNetwork(null);
        ALL.forEach((name, type) -> {
            for (boolean nulls : new boolean[] {false, true}) {
                Object sample = sample(type, nulls, 1);
                Object back = wire.roundTrip(new Envelope("alice", "bob", "p", sample));
                assertNotNull(back);
                assertTrue(WireEquality.same(sample, back), name + ": " + WireEquality.describe(back));
            }
        });
        assertEquals(ALL.keySet(), wire.sent().keySet());
        assertTrue(wire.failures().isEmpty(), wire.failures()::toString);
    }

    /** Estimates may be NaN or infinite and times may be -0.0: JSON has no such numbers, the wire must still. */
    @Test
    void unusualDoublesComeBackBitForBit() {
        SerializingClassicalNetwork wire = new SerializingClassicalNetwork(null);
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2}) {
            Object swapped = withDoubles(sample(ALL.get("net.swapped"), false, 1), d);
            Object back = wire.roundTrip(new Envelope("a", "b", "p", swapped));
            assertTrue(WireEquality.same(swapped, back), d + ": " + WireEquality.describe(back));
        }
    }

    /** A copy of the record with every double field set to {@code d}. */
    private static Object withDoubles(Object record, double d) {
        RecordComponent[] cs = record.getClass().getRecordComponents();
        Object[] values = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            values[i] = cs[i].getType() == double.class ? d : WireEquality.component(record, cs[i]);
        }
        return construct(record.getClass(), values);
    }

    @Test
    void theCheckCatchesAnUnregisteredPayloadAndAnArrayThatChanges() {
        SerializingClassicalNetwork wire = new SerializingClassicalNetwork(null);
        // A record, but not the stack's: off the allow-list, so it would never reach a deployed peer.
        AssertionError off = assertThrows(AssertionError.class,
                () -> wire.roundTrip(new Envelope("a", "b", "p", ClassicalFaults.NONE)));
        assertTrue(off.getMessage().contains("allow-list"), off.getMessage());
        assertEquals(1, wire.failures().size());
        // The comparison sees array contents: a field-wise copy is the same, another byte is not.
        Object frame = sample(ALL.get("transport.data"), false, 1);
        Object copy = sample(ALL.get("transport.data"), false, 1);
        Object other = sample(ALL.get("transport.data"), false, 2);
        assertTrue(WireEquality.same(frame, copy));
        assertTrue(!frame.equals(copy), "a record with arrays is not equals to its copy: hence WireEquality");
        assertTrue(!WireEquality.same(frame, other));
    }

    /**
     * A value of the type with every field set from {@code seed} (or, with {@code nulls}, null where the
     * field is {@link Nullable}); doubles are ones whose decimal form is long, so a lossy encoding shows.
     */
    static Object sample(Type t, boolean nulls, int seed) {
        if (t instanceof ParameterizedType p) {
            Type element = p.getActualTypeArguments()[0];
            return List.of(sample(element, nulls, seed), sample(element, nulls, seed + 1));
        }
        Class<?> c = (Class<?>) t;
        if (FIXED.containsKey(c)) {
            return FIXED.get(c);
        }
        if (c == String.class) {
            return "s" + seed + "→\"é\"";
        } else if (c == long.class || c == Long.class) {
            return Long.MAX_VALUE - seed;
        } else if (c == int.class || c == Integer.class) {
            return Integer.MIN_VALUE + seed;
        } else if (c == double.class || c == Double.class) {
            return Math.PI / (seed + 3); // in [0, π]: a valid angle too
        } else if (c == boolean.class) {
            return seed % 2 == 1;
        } else if (c == byte[].class) {
            return new byte[] {(byte) seed, -1, 0, 127, -128};
        } else if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[seed % constants.length];
        }
        assertTrue(c.isRecord(), "no sample for " + c.getName());
        RecordComponent[] cs = c.getRecordComponents();
        Object[] values = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            boolean nullable = cs[i].getAnnotatedType().isAnnotationPresent(Nullable.class);
            values[i] = nulls && nullable ? null : sample(cs[i].getGenericType(), nulls, seed + i);
        }
        return construct(c, values);
    }

    private static Object construct(Class<?> c, Object[] values) {
        try {
            Constructor<?> canonical = c.getDeclaredConstructor(Arrays.stream(c.getRecordComponents())
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a sample " + c.getName(), e);
        }
    }
}
