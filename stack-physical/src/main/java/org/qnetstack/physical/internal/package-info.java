/** Implementations behind the physical layer's interfaces (the simulated classical network, with its fault injection); not API. */
@NullMarked
package org.qnetstack.physical.internal;

import org.jspecify.annotations.NullMarked;
