/** Implementations behind the physical layer's interfaces; not API. */
@NullMarked
package org.qnetstack.physical.internal;

import org.jspecify.annotations.NullMarked;
