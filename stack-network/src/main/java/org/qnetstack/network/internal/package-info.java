/** Network-layer implementations; not API. */
@NullMarked
package org.qnetstack.network.internal;

import org.jspecify.annotations.NullMarked;
