/** Transport-layer implementations; not API. */
@NullMarked
package org.qnetstack.transport.internal;

import org.jspecify.annotations.NullMarked;
