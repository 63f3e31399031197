package org.qnetstack.messaging;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Every message that may cross the classical network between processes, by its stable wire name, gathered from
 * the layers' {@link WireTypeProvider}s. A name or a class claimed twice is a programming error, reported when
 * the registry is made, naming both claimants. Immutable.
 */
public final class WireTypeRegistry {
    private final Map<String, Class<?>> byName;
    private final Map<Class<?>, String> byClass;

    private WireTypeRegistry(Map<String, Class<?>> byName, Map<Class<?>, String> byClass) {
        this.byName = Collections.unmodifiableMap(byName);
        this.byClass = Map.copyOf(byClass);
    }

    /**
     * The providers on the class path of this class's loader (one per layer present).
     *
     * @throws IllegalStateException if two providers claim one name or one class
     * @throws java.util.ServiceConfigurationError if a listed provider cannot be made
     */
    public static WireTypeRegistry load() {
        return of(ServiceLoader.load(WireTypeProvider.class, WireTypeRegistry.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /**
     * The given providers' types in one registry.
     *
     * @throws IllegalStateException if a name or a class is claimed twice, or a name is blank
     */
    public static WireTypeRegistry of(List<? extends WireTypeProvider> providers) {
        Map<String, Class<?>> byName = new TreeMap<>();
        Map<Class<?>, String> byClass = new HashMap<>();
        Map<String, String> nameOwner = new HashMap<>();
        for (WireTypeProvider provider : providers) {
            String owner = provider.getClass().getName();
            provider.wireTypes().forEach((name, type) -> {
                if (name == null || name.isBlank() || type == null) {
                    throw new IllegalStateException(owner + " lists a blank wire name or a null class ('" + name
                            + "'): give each message class one non-blank name");
                }
                String earlier = nameOwner.putIfAbsent(name, owner);
                if (earlier != null) {
                    throw new IllegalStateException("wire name '" + name + "' is claimed by " + earlier + " and by "
                            + owner + ": give each message class one unique name");
                }
                String otherName = byClass.putIfAbsent(type, name);
                if (otherName != null) {
                    throw new IllegalStateException(type.getName() + " is named both '" + otherName + "' (by "
                            + nameOwner.get(otherName) + ") and '" + name + "' (by " + owner
                            + "): a class has one wire name");
                }
                byName.put(name, type);
            });
        }
        return new WireTypeRegistry(byName, byClass);
    }

    /** Wire name → message class, sorted by name; unmodifiable. */
    public Map<String, Class<?>> byName() {
        return byName;
    }

    public @Nullable Class<?> classOf(String name) {
        return byName.get(name);
    }

    public @Nullable String nameOf(Class<?> type) {
        return byClass.get(type);
    }
}
