package org.qnetstack.api.wire;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Equality as a wire must keep it: records field by field and arrays by content (a record's own
 * {@code equals} compares its array fields by identity, which no copy can pass).
 */
public final class WireEquality {
    private WireEquality() {
    }

    public static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        // Lists compare by elements whatever their class: a decoder builds its own kind of list.
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a.getClass().isArray()) {
            // Boxing through deepEquals covers every element type; doubles compare as bits there, as in records.
            return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
        }
        if (a instanceof Record) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                if (!same(component(a, c), component(b, c))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** The record rendered with its arrays' contents, for a failure message. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {value});
        }
        if (value instanceof Record) {
            StringBuilder s = new StringBuilder(value.getClass().getSimpleName()).append('[');
            RecordComponent[] cs = value.getClass().getRecordComponents();
            for (int i = 0; i < cs.length; i++) {
                s.append(i == 0 ? "" : ", ").append(cs[i].getName()).append('=').append(describe(component(value, cs[i])));
            }
            return s.append(']').toString();
        }
        return String.valueOf(value);
    }

    static Object component(Object record, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true); // the stack's messages are package-private records
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot read " + c.getName() + " of " + record.getClass().getName(), e);
        }
    }
}
