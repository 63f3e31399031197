/** The driver's and the emulator's plumbing: framing, the connection, reply checks, refusal counters. */
@NullMarked
package org.qnetstack.hal.qdevice.internal;

import org.jspecify.annotations.NullMarked;
