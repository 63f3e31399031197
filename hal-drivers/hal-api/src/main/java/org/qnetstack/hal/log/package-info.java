/**
 * Logging helpers every layer and driver may use: {@link org.qnetstack.hal.log.RateLimitedLog} keeps a warning
 * that can repeat once per event (rejected or malformed messages, device errors, dropped frames) from flooding
 * the log. Library code logs through the SLF4J API only; the application chooses the backend.
 */
@NullMarked
package org.qnetstack.hal.log;

import org.jspecify.annotations.NullMarked;
