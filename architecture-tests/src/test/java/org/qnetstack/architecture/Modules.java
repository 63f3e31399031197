package org.qnetstack.architecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which module a class belongs to, by its package (a module is known by its top package, org.qnetstack.link for
 * stack-link; the HAL's drivers and test kit live under org.qnetstack.hal.* and org.qnetstack.sim), and the stack's
 * layers from the top down.
 */
final class Modules {
    static final String HAL_API = "hal-api";
    static final String MESSAGING = "stack-messaging";
    static final String PHYSICAL = "stack-physical";
    static final String TCP = "stack-net-tcp";
    static final String LINK = "stack-link";
    static final String NETWORK = "stack-network";
    static final String TRANSPORT = "stack-transport";
    static final String APP_API = "stack-app-api";

    /** Package prefix → module; the longest matching prefix wins (hal.serial before hal). */
    private static final Map<String, String> BY_PACKAGE = byPackage(
            "org.qnetstack.hal.serial", "hal-serial",
            "org.qnetstack.hal.tck", "hal-tck",
            "org.qnetstack.hal.qdevice", "hal-qdevice",
            "org.qnetstack.hal", HAL_API,
            "org.qnetstack.sim", "hal-sim",
            "org.qnetstack.messaging", MESSAGING,
            "org.qnetstack.physical", PHYSICAL,
            "org.qnetstack.tcp", TCP,
            "org.qnetstack.link", LINK,
            "org.qnetstack.network", NETWORK,
            "org.qnetstack.transport", TRANSPORT,
            "org.qnetstack.api", APP_API,
            "org.qnetstack.deploy", "deploy",
            "org.qnetstack.apps", "apps",
            "org.qnetstack.examples", "examples",
            "org.qnetstack.benchmarks", "benchmarks",
            "org.qnetstack.study.spark", "study-spark",
            "org.qnetstack.study", "study");

    /**
     * The stack's modules with their rank: a module may use only those of lower rank. TCP is one implementation
     * of messaging's ClassicalNetwork, beside the physical layer: no layer uses it, it uses messaging only.
     */
    static final Map<String, Integer> RANK = Map.of(HAL_API, 0, MESSAGING, 1, PHYSICAL, 2, TCP, 2, LINK, 3,
            NETWORK, 4, TRANSPORT, 5, APP_API, 6);

    /** The one module each layer builds on. */
    static final Map<String, String> NEIGHBOUR = Map.of(MESSAGING, HAL_API, PHYSICAL, HAL_API, TCP, MESSAGING,
            LINK, PHYSICAL, NETWORK, LINK, TRANSPORT, NETWORK, APP_API, TRANSPORT);

    /** What every layer may use of the HAL beyond its neighbour: time and timers. */
    static final Set<String> HAL_TIME = Set.of("org.qnetstack.hal.Clock", "org.qnetstack.hal.Scheduler",
            "org.qnetstack.hal.TimerHandle");

    /** What every layer may use of the HAL beyond its neighbour besides time: the rate-limited log. */
    static final String HAL_LOG = "org.qnetstack.hal.log";

    /** Device drivers and the HAL's test kit: the stack reaches devices only through hal-api. */
    static final Set<String> DRIVERS = Set.of("hal-sim", "hal-serial", "hal-qdevice", "hal-tck");

    private Modules() {
    }

    private static Map<String, String> byPackage(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The module of a class or package name; null outside every module. */
    static String of(String name) {
        String best = null;
        for (String prefix : BY_PACKAGE.keySet()) {
            boolean inside = name.equals(prefix) || name.startsWith(prefix + ".");
            if (inside && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : BY_PACKAGE.get(best);
    }

    /**
     * The package that composes a node from every layer ({@code NodeStack}): its job is to reach each layer's
     * public factory, so the neighbour rule does not apply to it (the other rules do).
     */
    static final String COMPOSITION_ROOT = "org.qnetstack.api.stack";

    static boolean isStack(String module) {
        return RANK.containsKey(module) && !module.equals(HAL_API);
    }

    /** Whether the package is an implementation package (…internal or below it). */
    static boolean isInternal(String packageName) {
        return List.of(packageName.split("\\.")).contains("internal");
    }
}
