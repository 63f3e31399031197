/**
 * The application API: EPR sockets that create and receive entangled pairs (kept or measured at
 * once), qubits with gates and measurement, classical sockets, and a runtime that runs one program per
 * node on a simulated network, written reactively or as sequential code. Its own exceptions share the root
 * {@link org.qnetstack.api.QnetstackException}; a misuse of the API throws {@link org.qnetstack.api.ApiMisuseException},
 * naming the parameter at fault and saying what to do.
 */
@NullMarked
package org.qnetstack.api;

import org.jspecify.annotations.NullMarked;
