package org.qnetstack.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The design, checked on every module's main classes by what they use (ArchUnit reads the bytecode: fields,
 * signatures, calls, annotations), one class-to-class dependency at a time:
 * <ol>
 *     <li>no class uses another module's {@code internal} package;</li>
 *     <li>the stack's layers depend only downward (app-api → transport → network → link → physical →
 *     messaging / hal-api; TCP is a messaging implementation no layer uses);</li>
 *     <li>no layer reaches past its neighbour, except to messaging, to the HAL's clock, scheduler and
 *     rate-limited log, to the HAL's description vocabulary, to the physical layer's service over the node's
 *     qubits, and to the pair vocabulary the services pass through; {@code SimulatedNetwork} may besides hand
 *     out its world's ground truth and link models ({@link Modules} lists each, with its reason; the composition
 *     root {@code org.qnetstack.api.stack}, whose job is to assemble every layer, is exempt);</li>
 *     <li>the stack never uses a driver (hal-sim, hal-serial, hal-qdevice) or the HAL's test kit.</li>
 * </ol>
 * What today's code still does against a rule is listed, commented, in {@code known-violations.txt}: a
 * dependency on that list passes, any other fails, and one that is gone must be deleted from the list (so the
 * list only shrinks).
 */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(reactorOutputs());

    static final ArchRule NO_FOREIGN_INTERNALS = rule("internal",
            "use no other module's internal package",
            (from, to, origin, target) -> Modules.isInternal(target.getPackageName()));

    static final ArchRule ONLY_DOWNWARD = rule("downward",
            "depend, when in the stack, only on the layers below (app-api → transport → network → link → physical"
                    + " → messaging / hal-api)",
            (from, to, origin, target) -> Modules.isStack(from) && !Modules.DRIVERS.contains(to)
                    && (!Modules.RANK.containsKey(to) || Modules.RANK.get(to) >= Modules.RANK.get(from)));

    static final ArchRule ONLY_THE_NEIGHBOUR = rule("neighbour",
            "reach, when in the stack, no layer below the neighbour but messaging, the HAL's clock, scheduler and "
                    + "log, the HAL's description vocabulary (specs, bases, axes, gates, qubit addresses, "
                    + "ConfigurationException), the physical layer's QubitMemory and LocalOperations, and the pair "
                    + "vocabulary the services pass through (PairRequest, EndToEndPair, ... and the link values in them); "
                    + "SimulatedNetwork may also hand out its world's GroundTruth and HeraldedLink and take ClickRoutes",
            (from, to, origin, target) -> Modules.isStack(from) && Modules.RANK.containsKey(to)
                    && Modules.RANK.get(to) < Modules.RANK.get(from) && !to.equals(Modules.NEIGHBOUR.get(from))
                    && !to.equals(Modules.MESSAGING)
                    && !Modules.sharedBeyondTheNeighbour(outermost(target.getName()), target.getPackageName())
                    && !(origin.equals(Modules.SIMULATED_NETWORK)
                            && Modules.SIMULATION_HANDLES.contains(outermost(target.getName()))),
            Modules.COMPOSITION_ROOT)
            .because("a layer talks to the layer below through that layer's service (DESIGN §1); what every layer "
                    + "shares is time, the log, values that describe the hardware and do nothing, the node's qubits "
                    + "(which the physical layer owns and every layer that holds qubits operates on), and the words "
                    + "of a pair request, which the transport and network services carry unchanged; the simulated "
                    + "network owns its world and shows tests its truth (DESIGN §3); see "
                    + "docs/architecture.md, 'What a layer may name below its neighbour'");

    static final ArchRule NO_DRIVERS = rule("drivers",
            "use, when in the stack, no driver (hal-sim, hal-serial, hal-qdevice) nor the HAL's test kit",
            (from, to, origin, target) -> Modules.isStack(from) && Modules.DRIVERS.contains(to));

    /**
     * The modules' main classes as the reactor built them: the class path entries under a module's target folder
     * (its classes, or its jar once packaged). Only these are read; the libraries' jars (Spark's alone are hundreds)
     * would cost seconds to scan and hold no class of ours.
     */
    private static Set<Location> reactorOutputs() {
        Set<Location> outputs = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (path.getParent() != null && path.getParent().endsWith("target") && path.toString().endsWith(".jar")) {
                // `mvn verify` puts the modules' jars on the class path; a jar is a location only as a JarFile.
                try {
                    outputs.add(Location.of(new JarFile(path.toFile())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (path.endsWith(Path.of("target", "classes"))) {
                outputs.add(Location.of(path));
            }
        }
        return outputs;
    }

    /**
     * Whether a dependency of a class of module {@code from} ({@code origin}, its outermost class) on
     * {@code target}, of another module, breaks a rule.
     */
    @FunctionalInterface
    interface Breaks {
        boolean test(String from, String to, String origin, JavaClass target);
    }

    /**
     * Classes of org.qnetstack should {@code description}. A violation reads "origin -> target", both top-level
     * classes (a nested class, a lambda or an anonymous class counts as its outermost class).
     */
    static ArchRule rule(String section, String description, Breaks breaks, String... exemptPackages) {
        return classes().that().resideInAPackage("org.qnetstack..")
                .and().resideOutsideOfPackages(exemptPackages).should(new ArchCondition<>(description) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = Modules.of(origin.getPackageName());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().isArray()
                            ? d.getTargetClass().getBaseComponentType() : d.getTargetClass();
                    String to = Modules.of(target.getPackageName());
                    if (from != null && to != null && !to.equals(from) && breaks.test(from, to, outermost(origin.getName()), target)) {
                        events.add(SimpleConditionEvent.violated(d,
                                outermost(origin.getName()) + " -> " + outermost(target.getName())));
                    }
                }
            }
        }).as("[" + section + "] classes should " + description);
    }

    private static String outermost(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    /** The distinct violations of the rule in these classes. */
    static Set<String> violations(ArchRule rule, JavaClasses classes) {
        return new TreeSet<>(rule.evaluate(classes).getFailureReport().getDetails());
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackage() {
        check("internal", NO_FOREIGN_INTERNALS);
    }

    @Test
    void layersDependOnlyDownward() {
        check("downward", ONLY_DOWNWARD);
    }

    @Test
    void layersReachOnlyTheirNeighbourMessagingAndTheHalClock() {
        check("neighbour", ONLY_THE_NEIGHBOUR);
    }

    @Test
    void theStackUsesNoDriver() {
        check("drivers", NO_DRIVERS);
    }

    @Test
    void everyClassBelongsToAModuleAndEveryModuleWasSeen() {
        Set<String> unknown = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        for (JavaClass c : MAIN) {
            String module = Modules.of(c.getPackageName());
            if (module == null) {
                unknown.add(c.getName());
            } else {
                seen.add(module);
            }
        }
        assertEquals(Set.of(), unknown, "classes of no known module: add their package to Modules");
        assertTrue(seen.containsAll(Modules.RANK.keySet()), "the rules saw every layer's classes: " + seen);
    }

    private static void check(String section, ArchRule rule) {
        Set<String> found = violations(rule, MAIN);
        Set<String> known = KnownViolations.SECTIONS.getOrDefault(section, Set.of());
        Set<String> added = new TreeSet<>(found);
        added.removeAll(known);
        Set<String> gone = new TreeSet<>(known);
        gone.removeAll(found);
        assertTrue(added.isEmpty(), () -> rule.getDescription() + "; broken by (remove the dependency, or move the "
                + "type where both may use it):\n  " + String.join("\n  ", added));
        assertTrue(gone.isEmpty(), () -> "fixed, so delete from [" + section + "] in known-violations.txt:\n  "
                + String.join("\n  ", gone));
    }

    /** known-violations.txt: "[section]" headers, "#" comments, one "origin -> target" a line. */
    static final class KnownViolations {
        static final Map<String, Set<String>> SECTIONS = read();

        private static Map<String, Set<String>> read() {
            Map<String, Set<String>> sections = new TreeMap<>();
            String section = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    LayeringTest.class.getResourceAsStream("known-violations.txt"), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    line = line.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    if (line.startsWith("[") && line.endsWith("]")) {
                        section = line.substring(1, line.length() - 1);
                        sections.putIfAbsent(section, new TreeSet<>());
                    } else if (section == null || !line.contains(" -> ")) {
                        throw new IllegalStateException("known-violations.txt: '" + line
                                + "' is not 'origin -> target' under a [section]");
                    } else {
                        sections.get(section).add(line);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read known-violations.txt", e);
            }
            return sections;
        }
    }
}
