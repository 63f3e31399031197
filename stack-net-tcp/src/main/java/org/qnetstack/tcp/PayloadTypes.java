package org.qnetstack.tcp;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The allow-list of payload classes that may cross the wire, each under a stable type name. A received
 * payload names its type; only a class registered here is ever instantiated, and Jackson's polymorphic
 * ("default") typing is never enabled, so a peer cannot make this node construct arbitrary classes.
 * Allowed are records, enums, {@link String} and the boxed primitives; a record's fields are decoded as
 * their declared types (a field declared {@code Object} comes back as maps, lists and scalars, never as
 * a class the sender names). Immutable: {@link #with} returns a new list.
 */
public final class PayloadTypes {
    private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Integer.class, Long.class,
            Double.class, Float.class, Short.class, Byte.class, Character.class);
    private final Map<String, Class<?>> byName;
    private final Map<Class<?>, String> byClass;

    private PayloadTypes(Map<String, Class<?>> byName) {
        this.byName = Map.copyOf(byName);
        Map<Class<?>, String> inverse = new HashMap<>();
        byName.forEach((name, cls) -> inverse.put(cls, name));
        this.byClass = Map.copyOf(inverse);
    }

    public static PayloadTypes none() {
        return new PayloadTypes(Map.of());
    }

    /**
     * This list plus {@code type} under {@code name}.
     *
     * @throws IllegalArgumentException if the name is taken, the class is registered already, or the class
     *                                  is not a record, an enum, a String or a boxed primitive
     */
    public PayloadTypes with(String name, Class<?> type) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("PayloadTypes.with: the type name must be non-blank, was '" + name + "'");
        }
        if (!(type.isRecord() || type.isEnum() || SCALARS.contains(type))) {
            throw new IllegalArgumentException("PayloadTypes.with: " + type.getName()
                    + " is not a record, enum, String or boxed primitive; wrap the value in a record");
        }
        if (byName.containsKey(name) || byClass.containsKey(type)) {
            throw new IllegalArgumentException("PayloadTypes.with: '" + name + "' or " + type.getName()
                    + " is registered already; each name and class may appear once");
        }
        Map<String, Class<?>> next = new HashMap<>(byName);
        next.put(name, type);
        return new PayloadTypes(next);
    }

    /** The class registered under a wire name, or null if the name is not on the list. */
    public @Nullable Class<?> classOf(String name) {
        return byName.get(name);
    }

    /** The wire name of a payload's class, or null if the class is not on the list. */
    public @Nullable String nameOf(Class<?> type) {
        return byClass.get(type);
    }
}
