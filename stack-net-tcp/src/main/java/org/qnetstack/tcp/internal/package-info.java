/** Wire format, handshake, framing and connection state machines behind {@link org.qnetstack.tcp.TcpClassicalNetwork}; not API. */
@NullMarked
package org.qnetstack.tcp.internal;

import org.jspecify.annotations.NullMarked;
