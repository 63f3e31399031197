package org.qnetstack.deploy;

import org.jspecify.annotations.Nullable;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.PlatformSpec;

/**
 * The programs a launcher can run on a node, by the name given with {@code --program}: an application's own
 * table of what its nodes do (the examples' {@code qkd} and {@code teleport}).
 */
@FunctionalInterface
public interface ProgramCatalog {
    /** A catalog without programs: every node only serves the others (repeaters). */
    ProgramCatalog NONE = (name, spec, node) -> {
        throw new ConfigurationException("--program", "this launcher knows no programs (asked for '" + name
                + "'); run a node without --program, or use an application's launcher such as the examples'");
    };

    /**
     * The program called {@code name} for the node of the network, or null when that program gives the node
     * nothing to do (a repeater in the middle of a QKD chain).
     *
     * @throws ConfigurationException if there is no such program, or it cannot run on this network
     */
    @Nullable NodeProgram program(String name, PlatformSpec spec, String node);
}
