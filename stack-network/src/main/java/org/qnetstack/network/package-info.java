/**
 * The network layer: end-to-end pairs between end nodes, each delivered at both ends with its circuit,
 * pair id and Bell index, over a direct link or across repeaters that swap and report their swaps.
 */
@NullMarked
package org.qnetstack.network;

import org.jspecify.annotations.NullMarked;
