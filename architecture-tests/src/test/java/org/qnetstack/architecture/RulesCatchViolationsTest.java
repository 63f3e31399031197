package org.qnetstack.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qnetstack.apps.fixture.UsesLinkInternals;
import org.qnetstack.network.fixture.UsesTheSimulator;
import org.qnetstack.physical.fixture.UsesTheNetworkLayer;
import org.qnetstack.transport.fixture.ReachesPastTheNetwork;

/** Each rule reports a class that breaks it: fixtures in the modules' packages, one breach each. */
class RulesCatchViolationsTest {
    /**
     * This module's test classes: the fixtures, and the tests themselves, which no rule covers (their package is no
     * module's). Read from their folder: looking classes up one by one scans the whole class path, for seconds.
     */
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPath(folderOf(UsesLinkInternals.class));

    private static Path folderOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInternalPackageUsedFromAnotherModule() {
        assertEquals(Set.of("org.qnetstack.apps.fixture.UsesLinkInternals -> org.qnetstack.link.internal.LinkWireTypes"),
                LayeringTest.violations(LayeringTest.NO_FOREIGN_INTERNALS, FIXTURES));
    }

    @Test
    void aLayerUsingOneAboveIt() {
        assertEquals(Set.of("org.qnetstack.physical.fixture.UsesTheNetworkLayer -> org.qnetstack.network.NetworkService"),
                LayeringTest.violations(LayeringTest.ONLY_DOWNWARD, FIXTURES));
    }

    @Test
    void aLayerReachingPastItsNeighbourButNotForWhatEveryLayerShares() {
        assertEquals(Set.of("org.qnetstack.transport.fixture.ReachesPastTheNetwork -> org.qnetstack.link.LinkService",
                        "org.qnetstack.transport.fixture.ReachesPastTheNetwork -> org.qnetstack.hal.QuantumDevice",
                        "org.qnetstack.transport.fixture.ReachesPastTheNetwork -> org.qnetstack.physical.HeraldingNode"),
                LayeringTest.violations(LayeringTest.ONLY_THE_NEIGHBOUR, FIXTURES));
    }

    @Test
    void aLayerUsingADriver() {
        assertEquals(Set.of("org.qnetstack.network.fixture.UsesTheSimulator -> org.qnetstack.sim.SimulatedPlatform"),
                LayeringTest.violations(LayeringTest.NO_DRIVERS, FIXTURES));
    }
}
