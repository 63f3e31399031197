package org.qnetstack.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    enum Basis { X, Z }

    private record Measurement(int round, Basis basis, boolean outcome, double[] angles) {
    }

    record Envelope2(String id, List<Measurement> rounds, Map<String, Long> totals, Set<Integer> kept,
            byte[] digest, BigInteger big, char c, short s, byte b, float f, long[] ls, int[] is, boolean[] bs,
            Object nothing) {
    }

    private static Object roundTrip(Object m) throws Exception {
        return MessageCodec.decode(MessageCodec.encode(m));
    }

    @Test
    void valuesComeBackEqualAndOfTheSameType() throws Exception {
        for (Object m : List.of("text", "", 7, 7L, (short) 7, (byte) 7, 7.5, 7.5f, 'q', true, false,
                BigInteger.TWO.pow(100).negate(), Basis.Z, List.of(1, "a", List.of()), Set.of(3, 1, 2),
                Map.of("k", 1, "j", List.of(true)))) {
            Object back = roundTrip(m);
            assertEquals(m, back, "" + m);
            if (!(m instanceof java.util.Collection<?> || m instanceof Map<?, ?>)) {
                assertEquals(m.getClass(), back.getClass(), "the exact type: " + m);
            }
        }
        assertEquals(Double.NaN, (Double) roundTrip(Double.NaN));
        assertEquals(-0.0, (Double) roundTrip(-0.0));
    }

    @Test
    void recordsWithNestedValuesAndPrivateRecordsRoundTrip() throws Exception {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("x", 3L);
        totals.put("z", null);
        Envelope2 m = new Envelope2("run", List.of(new Measurement(0, Basis.X, true, new double[] {0.5, -1})),
                totals, Set.of(4, 2), new byte[] {1, 2, 3}, BigInteger.valueOf(-5), 'é', (short) -2, (byte) 9,
                1.25f, new long[] {Long.MIN_VALUE}, new int[] {1, -1}, new boolean[] {true, false}, null);
        Envelope2 back = (Envelope2) roundTrip(m);
        assertEquals(m.id(), back.id());
        assertEquals(0, back.rounds().get(0).round());
        assertEquals(Basis.X, back.rounds().get(0).basis());
        assertArrayEquals(new double[] {0.5, -1}, back.rounds().get(0).angles());
        assertEquals(totals, back.totals());
        assertEquals(Set.of(2, 4), back.kept());
        assertArrayEquals(m.digest(), back.digest());
        assertEquals(m.big(), back.big());
        assertEquals(m.c(), back.c());
        assertEquals(m.s(), back.s());
        assertEquals(m.b(), back.b());
        assertEquals(m.f(), back.f());
        assertArrayEquals(m.ls(), back.ls());
        assertArrayEquals(m.is(), back.is());
        assertArrayEquals(m.bs(), back.bs());
        assertEquals(null, back.nothing());
        assertThrows(UnsupportedOperationException.class, () -> back.rounds().add(null), "decoded lists are unmodifiable");
    }

    @Test
    void theEncodingKeepsTypesApartAndIgnoresIterationOrder() {
        assertFalse(Arrays.equals(MessageCodec.encode(1), MessageCodec.encode(1L)), "Integer 1 is not Long 1");
        assertFalse(Arrays.equals(MessageCodec.encode("1"), MessageCodec.encode(1)));
        assertFalse(Arrays.equals(MessageCodec.encode(List.of("ab", "c")), MessageCodec.encode(List.of("a", "bc"))),
                "length-prefixed strings: no two lists run together");
        Map<String, Integer> one = new LinkedHashMap<>();
        one.put("a", 1);
        one.put("b", 2);
        Map<String, Integer> other = new LinkedHashMap<>();
        other.put("b", 2);
        other.put("a", 1);
        assertArrayEquals(MessageCodec.encode(one), MessageCodec.encode(other));
        assertArrayEquals(MessageCodec.encode(Set.of(5, 1, 9)), MessageCodec.encode(new TreeSet<>(List.of(9, 5, 1))));
    }

    @Test
    void unsupportedTypesAreRefusedByPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.encode(Map.of("k", List.of(new StringBuilder()))));
        assertTrue(e.getMessage().startsWith("message[k][0] is a java.lang.StringBuilder"), e.getMessage());
    }

    @Test
    void badBytesAreMalformedNotCrashes() {
        byte[] good = MessageCodec.encode(List.of("hello", 42));
        for (int cut = 0; cut < good.length; cut++) {
            byte[] shorter = Arrays.copyOf(good, cut);
            assertThrows(MessageCodec.MalformedException.class, () -> MessageCodec.decode(shorter), "cut at " + cut);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(MessageCodec.MalformedException.class, () -> MessageCodec.decode(longer));
        // A list claiming two billion elements in a few bytes: refused before anything is allocated.
        byte[] huge = ByteBuffer.allocate(5).put((byte) 17).putInt(Integer.MAX_VALUE).array();
        assertThrows(MessageCodec.MalformedException.class, () -> MessageCodec.decode(huge));
        byte[] unknownType = {(byte) 99};
        assertThrows(MessageCodec.MalformedException.class, () -> MessageCodec.decode(unknownType));
        byte[] notARecord = MessageCodec.encode(new Measurement(1, Basis.X, true, new double[0]));
        String name = Measurement.class.getName();
        int at = new String(notARecord, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(name);
        byte[] renamed = notARecord.clone();
        renamed[at + name.length() - 1] = 'X'; // a class that does not exist here
        MessageCodec.MalformedException missing = assertThrows(MessageCodec.MalformedException.class,
                () -> MessageCodec.decode(renamed));
        assertTrue(missing.getMessage().contains("no class"), missing.getMessage());
        byte[] deep = new byte[200];
        Arrays.fill(deep, (byte) 17); // lists in lists: more than 64 deep
        assertThrows(MessageCodec.MalformedException.class, () -> MessageCodec.decode(deep));
    }
}
