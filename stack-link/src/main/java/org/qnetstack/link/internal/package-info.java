/** The link layer's implementation: the per-link distributed queue and its heralding end. Not API. */
@NullMarked
package org.qnetstack.link.internal;

import org.jspecify.annotations.NullMarked;
