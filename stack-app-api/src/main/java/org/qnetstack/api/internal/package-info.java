/** The application runtime's machinery: node stacks, sockets, the program runner. Not API. */
@NullMarked
package org.qnetstack.api.internal;

import org.jspecify.annotations.NullMarked;
