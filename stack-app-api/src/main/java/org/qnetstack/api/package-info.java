/**
 * The application API: EPR sockets that create and receive entangled pairs (kept or measured at
 * once), qubits with gates and measurement, classical sockets, and a runtime that runs one program per
 * node on a simulated network, written reactively or as sequential code. It speaks its own types: bases
 * ({@link org.qnetstack.api.Basis}, {@link org.qnetstack.api.MeasurementAxis}, {@link org.qnetstack.api.BasisChoice},
 * {@link org.qnetstack.api.MeasureBasis}), pair ids ({@link org.qnetstack.api.PairId}) and error codes
 * ({@link org.qnetstack.api.EprErrorCode}); the lower layers' types stay below ({@code ApiSurfaceTest} checks it).
 * Every exception it throws or fails a publisher with shares the root {@link org.qnetstack.api.QnetstackException};
 * a misuse of the API throws {@link org.qnetstack.api.ApiMisuseException}, naming the parameter at fault and saying
 * what to do.
 */
@NullMarked
package org.qnetstack.api;

import org.jspecify.annotations.NullMarked;
