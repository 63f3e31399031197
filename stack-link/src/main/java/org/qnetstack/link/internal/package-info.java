/**
 * The link layer's implementation: per link, the distributed queue, the master's decision on every
 * heralded pair (so that both ends deliver the same pairs), and the heralding end that serves the
 * queue. Not API.
 */
@NullMarked
package org.qnetstack.link.internal;

import org.jspecify.annotations.NullMarked;
