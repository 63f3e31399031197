package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The application API speaks its own types: no public signature of a public class in {@code org.qnetstack.api}
 * or its non-internal subpackages mentions a type of the layers below (link, network, transport, physical, hal),
 * and every exception class it declares is a {@link QnetstackException}. {@code org.qnetstack.api.stack} is left
 * out on purpose: {@code NodeStack} composes a node from the layers below for hardware teams and deployers, so its
 * signatures name those layers' public types (platform, classical network, admission, circuit policy). Plain reflection over the module's
 * compiled classes; a new leak fails here naming the member.
 */
class ApiSurfaceTest {
    private static final List<String> LOWER_LAYERS = List.of("org.qnetstack.link.", "org.qnetstack.network.",
            "org.qnetstack.transport.", "org.qnetstack.physical.", "org.qnetstack.hal.");

    /**
     * Lower-layer types that may appear anyway, because the members using them serve whoever builds or tests a
     * stack (hardware integrators, deployers, the simulator's users checking physics), not an application's
     * program. Keep it short; each entry says who needs it.
     */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            // The description a network is built from (SimulatedNetwork.of/spec, NetworkConfig, DeploymentSpec):
            // written by whoever sets up the hardware or the simulation, read by the stack; a program only names
            // a configuration file or uses SimulatedNetwork.builder().
            Map.entry("org.qnetstack.hal.PlatformSpec", "network description for stack builders"),
            // SimulatedNetwork.of(spec, photonRoutes): where an external detector's clicks go (hardware in the loop).
            Map.entry("org.qnetstack.hal.ClickRoute", "external detectors, for hardware integrators"),
            // The simulator's oracle (SimulatedNetwork.groundTruth, Qubit.address): tests of the stack's physics
            // read true states; no real device has it, so no application may rely on it.
            Map.entry("org.qnetstack.hal.GroundTruth", "simulator ground truth, for testing the stack"),
            Map.entry("org.qnetstack.hal.QubitAddress", "simulator ground truth, for testing the stack"),
            // SimulatedNetwork.link: the link's physical model (success probability, heralded state), for studies
            // of the hardware rather than for programs.
            Map.entry("org.qnetstack.hal.HeraldedLink", "link physics, for hardware studies"),
            // SimulatedNetwork.Builder.preSharedKeys: key material of the authenticated classical channels,
            // provisioned by whoever deploys the nodes.
            Map.entry("org.qnetstack.transport.PreSharedKeys", "channel keys, provisioned by the deployer"));

    @Test
    void publicSignaturesUseTheApisOwnTypes() {
        Set<String> leaks = new TreeSet<>();
        Set<String> allowedSeen = new HashSet<>();
        for (Class<?> c : publicApiClasses()) {
            List<Type> types = new ArrayList<>();
            types.add(c.getGenericSuperclass());
            types.addAll(List.of(c.getGenericInterfaces()));
            for (Type t : types) {
                check(c.getName() + " (supertype)", t, leaks, allowedSeen);
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (exposed(k.getModifiers())) {
                    checkExecutable(c.getName() + ".<init>", k, leaks, allowedSeen);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (exposed(m.getModifiers()) && !m.isSynthetic()) {
                    checkExecutable(c.getName() + "." + m.getName(), m, leaks, allowedSeen);
                    check(c.getName() + "." + m.getName() + " (returns)", m.getGenericReturnType(), leaks, allowedSeen);
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (exposed(f.getModifiers())) {
                    check(c.getName() + "." + f.getName(), f.getGenericType(), leaks, allowedSeen);
                }
            }
            if (c.isRecord()) {
                for (RecordComponent r : c.getRecordComponents()) {
                    check(c.getName() + "." + r.getName() + " (component)", r.getGenericType(), leaks, allowedSeen);
                }
            }
        }
        assertEquals(Set.of(), leaks, "public API members that mention lower layers' types: give them an API type "
                + "(converted in api.internal.ApiTypes), or, if only stack builders need them, allow them in ALLOWED");
        assertEquals(ALLOWED.keySet(), allowedSeen, "an allowed lower-layer type no longer appears: drop it from ALLOWED");
    }

    @Test
    void everyExceptionTheApiDeclaresIsAQnetstackException() {
        List<String> outside = publicApiClasses().stream().filter(Throwable.class::isAssignableFrom)
                .filter(c -> !QnetstackException.class.isAssignableFrom(c)).map(Class::getName).toList();
        assertEquals(List.of(), outside);
        assertTrue(publicApiClasses().contains(NoFreeQubitException.class), "the scan found the API's classes");
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void checkExecutable(String where, Executable e, Set<String> leaks, Set<String> allowedSeen) {
        for (Type t : e.getGenericParameterTypes()) {
            check(where + " (parameter)", t, leaks, allowedSeen);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(where + " (throws)", t, leaks, allowedSeen);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
            check(where + " (type parameter)", v, leaks, allowedSeen);
        }
    }

    /** Every class a type mentions: itself, its type arguments, bounds and array components. */
    private static void check(String where, Type type, Set<String> leaks, Set<String> allowedSeen) {
        if (type instanceof Class<?> c) {
            Class<?> base = c;
            while (base.isArray()) {
                base = base.getComponentType();
            }
            String name = base.getName();
            if (LOWER_LAYERS.stream().anyMatch(name::startsWith)) {
                if (ALLOWED.containsKey(name)) {
                    allowedSeen.add(name);
                } else {
                    leaks.add(where + " mentions " + name);
                }
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks, allowedSeen);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, leaks, allowedSeen);
            }
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .forEach(b -> check(where, b, leaks, allowedSeen));
        } else if (type instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), leaks, allowedSeen);
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                check(where, b, leaks, allowedSeen);
            }
        }
    }

    /** The public classes (nested ones included) of org.qnetstack.api and its subpackages but internal and stack. */
    private static List<Class<?>> publicApiClasses() {
        Path root;
        try {
            root = Paths.get(EprSocket.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path api = root.resolve("org/qnetstack/api");
        try (Stream<Path> files = Files.walk(api)) {
            return files.map(p -> root.relativize(p).toString().replace('/', '.').replace('\\', '.'))
                    .filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class"))
                    .filter(n -> !n.startsWith("org.qnetstack.api.internal."))
                    .filter(n -> !n.startsWith("org.qnetstack.api.stack."))
                    .<Class<?>>map(n -> load(n.substring(0, n.length() - ".class".length())))
                    .filter(ApiSurfaceTest::isPublicApi)
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiSurfaceTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
