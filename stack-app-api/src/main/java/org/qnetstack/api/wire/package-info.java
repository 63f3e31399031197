/**
 * What the stack puts on the classical network, by name: the registry a deployment turns into the
 * allow-list of payload classes its wire may decode.
 */
@NullMarked
package org.qnetstack.api.wire;

import org.jspecify.annotations.NullMarked;
