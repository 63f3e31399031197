package org.qnetstack.transport.internal;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns an application's message into bytes and back, so that the transport authenticates exactly what
 * it delivers and the receiver gets its own copy. The encoding is canonical and injective: each value
 * carries its type (an {@code Integer} 1 and a {@code Long} 1 differ, as do two records with the same
 * fields), sets and maps are written in the order of their encoded elements, so equal values give equal
 * bytes whatever their iteration order. JSON would not do: it writes 1 for both numbers and drops the
 * record's type, so a changed type would pass authentication.
 *
 * <p>Supported: null (inside containers and records), {@code String}, {@code Boolean}, {@code Byte},
 * {@code Short}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code Character},
 * {@code BigInteger}, {@code byte[]}, {@code int[]}, {@code long[]}, {@code double[]}, {@code boolean[]},
 * lists, sets and maps of these, enums, and records whose components are these. Decoded containers are
 * unmodifiable. Records and enums are found by class name when decoding, so both ends need the class;
 * decoding runs only on authenticated bytes, so only a key holder can make a node build a record.
 */
final class MessageCodec {
    private static final int MAX_DEPTH = 64;

    private static final byte NULL = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte BYTE = 3;
    private static final byte SHORT = 4;
    private static final byte INT = 5;
    private static final byte LONG = 6;
    private static final byte FLOAT = 7;
    private static final byte DOUBLE = 8;
    private static final byte CHAR = 9;
    private static final byte STRING = 10;
    private static final byte BIG_INTEGER = 11;
    private static final byte BYTES = 12;
    private static final byte INTS = 13;
    private static final byte LONGS = 14;
    private static final byte DOUBLES = 15;
    private static final byte BOOLEANS = 16;
    private static final byte LIST = 17;
    private static final byte SET = 18;
    private static final byte MAP = 19;
    private static final byte ENUM = 20;
    private static final byte RECORD = 21;

    /** Bytes that do not decode to a message. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }

        MalformedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private MessageCodec() {
    }

    /**
     * The message's bytes.
     *
     * @throws IllegalArgumentException naming the unsupported type, if the message holds one
     */
    static byte[] encode(Object message) {
        Out out = new Out();
        write(out, message, 0, "message");
        return out.toByteArray();
    }

    static Object decode(byte[] bytes) throws MalformedException {
        In in = new In(bytes);
        try {
            Object message = read(in, 0);
            if (in.buffer.hasRemaining()) {
                throw new MalformedException(in.buffer.remaining() + " bytes after the message");
            }
            return message;
        } catch (java.nio.BufferUnderflowException e) {
            throw new MalformedException("the message ends early", e);
        }
    }

    private static final class Out extends ByteArrayOutputStream {
        void writeInt(int v) {
            write(ByteBuffer.allocate(4).putInt(v).array(), 0, 4);
        }

        void writeLong(long v) {
            write(ByteBuffer.allocate(8).putLong(v).array(), 0, 8);
        }

        void writeSized(byte[] b) {
            writeInt(b.length);
            write(b, 0, b.length);
        }

        void writeString(String s) {
            writeSized(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void write(Out out, @Nullable Object v, int depth, String path) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + ": nested more than " + MAX_DEPTH + " deep");
        }
        if (v == null) {
            out.write(NULL);
        } else if (v instanceof Boolean b) {
            out.write(b ? TRUE : FALSE);
        } else if (v instanceof Byte b) {
            out.write(BYTE);
            out.write(b);
        } else if (v instanceof Short s) {
            out.write(SHORT);
            out.writeInt(s);
        } else if (v instanceof Integer i) {
            out.write(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.write(LONG);
            out.writeLong(l);
        } else if (v instanceof Float f) {
            out.write(FLOAT);
            out.writeInt(Float.floatToRawIntBits(f));
        } else if (v instanceof Double d) {
            out.write(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof Character c) {
            out.write(CHAR);
            out.writeInt(c);
        } else if (v instanceof String s) {
            out.write(STRING);
            out.writeString(s);
        } else if (v instanceof BigInteger b) {
            out.write(BIG_INTEGER);
            out.writeSized(b.toByteArray());
        } else if (v instanceof byte[] b) {
            out.write(BYTES);
            out.writeSized(b);
        } else if (v instanceof int[] a) {
            out.write(INTS);
            out.writeInt(a.length);
            Arrays.stream(a).forEach(out::writeInt);
        } else if (v instanceof long[] a) {
            out.write(LONGS);
            out.writeInt(a.length);
            Arrays.stream(a).forEach(out::writeLong);
        } else if (v instanceof double[] a) {
            out.write(DOUBLES);
            out.writeInt(a.length);
            Arrays.stream(a).forEach(d -> out.writeLong(Double.doubleToRawLongBits(d)));
        } else if (v instanceof boolean[] a) {
            out.write(BOOLEANS);
            out.writeInt(a.length);
            for (boolean b : a) {
                out.write(b ? 1 : 0);
            }
        } else if (v instanceof List<?> list) {
            out.write(LIST);
            out.writeInt(list.size());
            for (int i = 0; i < list.size(); i++) {
                write(out, list.get(i), depth + 1, path + "[" + i + "]");
            }
        } else if (v instanceof Set<?> set) {
            out.write(SET);
            writeSorted(out, encodedEach(set, depth, path + "[]"));
        } else if (v instanceof Map<?, ?> map) {
            out.write(MAP);
            List<byte[]> entries = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Out entry = new Out();
                write(entry, e.getKey(), depth + 1, path + ".key");
                write(entry, e.getValue(), depth + 1, path + "[" + e.getKey() + "]");
                entries.add(entry.toByteArray());
            }
            writeSorted(out, entries);
        } else if (v instanceof Enum<?> e) {
            out.write(ENUM);
            out.writeString(e.getDeclaringClass().getName());
            out.writeString(e.name());
        } else if (v instanceof Record r) {
            out.write(RECORD);
            out.writeString(r.getClass().getName());
            RecordComponent[] components = r.getClass().getRecordComponents();
            out.writeInt(components.length);
            for (RecordComponent c : components) {
                write(out, component(r, c), depth + 1, path + "." + c.getName());
            }
        } else {
            throw new IllegalArgumentException(path + " is a " + v.getClass().getName() + ", which the transport "
                    + "cannot carry: send strings, numbers, booleans, byte/int/long/double/boolean arrays, "
                    + "enums, records, or lists, sets and maps of these");
        }
    }

    private static List<byte[]> encodedEach(Collection<?> values, int depth, String path) {
        List<byte[]> encoded = new ArrayList<>(values.size());
        for (Object v : values) {
            Out one = new Out();
            write(one, v, depth + 1, path);
            encoded.add(one.toByteArray());
        }
        return encoded;
    }

    private static void writeSorted(Out out, List<byte[]> encoded) {
        encoded.sort(Arrays::compareUnsigned);
        out.writeInt(encoded.size());
        encoded.forEach(e -> out.write(e, 0, e.length));
    }

    private static @Nullable Object component(Record r, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true); // records private to the application's classes are fine to send
            return accessor.invoke(r);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read component " + c.getName() + " of "
                    + r.getClass().getName() + ": " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the accessor of " + c.getName() + " in " + r.getClass().getName()
                    + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static final class In {
        final ByteBuffer buffer;

        In(byte[] bytes) {
            this.buffer = ByteBuffer.wrap(bytes);
        }

        int length() throws MalformedException {
            int n = buffer.getInt();
            if (n < 0 || n > buffer.remaining()) {
                throw new MalformedException("a length of " + n + " with " + buffer.remaining() + " bytes left");
            }
            return n;
        }

        byte[] bytes() throws MalformedException {
            byte[] b = new byte[length()];
            buffer.get(b);
            return b;
        }

        String string() throws MalformedException {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }

    private static @Nullable Object read(In in, int depth) throws MalformedException {
        if (depth > MAX_DEPTH) {
            throw new MalformedException("nested more than " + MAX_DEPTH + " deep");
        }
        ByteBuffer b = in.buffer;
        byte type = b.get();
        switch (type) {
            case NULL:
                return null;
            case FALSE:
                return false;
            case TRUE:
                return true;
            case BYTE:
                return b.get();
            case SHORT:
                return (short) b.getInt();
            case INT:
                return b.getInt();
            case LONG:
                return b.getLong();
            case FLOAT:
                return Float.intBitsToFloat(b.getInt());
            case DOUBLE:
                return Double.longBitsToDouble(b.getLong());
            case CHAR:
                return (char) b.getInt();
            case STRING:
                return in.string();
            case BIG_INTEGER:
                byte[] magnitude = in.bytes();
                if (magnitude.length == 0) {
                    throw new MalformedException("an empty BigInteger");
                }
                return new BigInteger(magnitude);
            case BYTES:
                return in.bytes();
            case INTS: {
                int[] a = new int[count(in, 4)];
                b.asIntBuffer().get(a);
                b.position(b.position() + 4 * a.length);
                return a;
            }
            case LONGS: {
                long[] a = new long[count(in, 8)];
                b.asLongBuffer().get(a);
                b.position(b.position() + 8 * a.length);
                return a;
            }
            case DOUBLES: {
                double[] a = new double[count(in, 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Double.longBitsToDouble(b.getLong());
                }
                return a;
            }
            case BOOLEANS: {
                boolean[] a = new boolean[count(in, 1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = b.get() != 0;
                }
                return a;
            }
            case LIST: {
                int n = count(in, 1);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in, depth + 1));
                }
                return Collections.unmodifiableList(list);
            }
            case SET: {
                int n = count(in, 1);
                Set<Object> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    set.add(read(in, depth + 1));
                }
                return Collections.unmodifiableSet(set);
            }
            case MAP: {
                int n = count(in, 2);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(read(in, depth + 1), read(in, depth + 1));
                }
                return Collections.unmodifiableMap(map);
            }
            case ENUM:
                return enumConstant(in.string(), in.string());
            case RECORD:
                return record(in, depth);
            default:
                throw new MalformedException("unknown type " + type);
        }
    }

    /** An element count, checked against what is left so that a hostile count cannot allocate much. */
    private static int count(In in, int minBytesEach) throws MalformedException {
        int n = in.buffer.getInt();
        if (n < 0 || (long) n * minBytesEach > in.buffer.remaining()) {
            throw new MalformedException("a count of " + n + " with " + in.buffer.remaining() + " bytes left");
        }
        return n;
    }

    private static Class<?> type(String name) throws MalformedException {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return Class.forName(name, false, loader != null ? loader : MessageCodec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new MalformedException("no class " + name + " here", e);
        }
    }

    private static Object enumConstant(String typeName, String name) throws MalformedException {
        Class<?> type = type(typeName);
        if (!type.isEnum()) {
            throw new MalformedException(typeName + " is not an enum");
        }
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new MalformedException(typeName + " has no constant " + name);
    }

    private static Object record(In in, int depth) throws MalformedException {
        String typeName = in.string();
        Class<?> type = type(typeName);
        if (!type.isRecord()) {
            throw new MalformedException(typeName + " is not a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        int n = in.buffer.getInt();
        if (n != components.length) {
            throw new MalformedException(typeName + " has " + components.length + " components, not " + n);
        }
        Class<?>[] types = new Class<?>[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            types[i] = components[i].getType();
            values[i] = read(in, depth + 1);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new MalformedException(typeName + " refused its components: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MalformedException("cannot build a " + typeName + ": " + e, e);
        }
    }
}
