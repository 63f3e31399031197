/**
 * The network layer: end-to-end pairs between end nodes, each delivered at both ends with its circuit,
 * pair id and Bell index. Routes over direct links for now; repeaters will serve the same interface.
 */
@NullMarked
package org.qnetstack.network;

import org.jspecify.annotations.NullMarked;
