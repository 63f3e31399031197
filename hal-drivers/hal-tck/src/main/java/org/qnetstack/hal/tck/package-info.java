/**
 * The HAL conformance kit: abstract JUnit 5 test classes a driver's own tests extend, supplying the
 * driver and a way to make its device act, to check that it keeps the HAL's contracts. The module's
 * README tells a hardware team how to run it.
 */
@NullMarked
package org.qnetstack.hal.tck;

import org.jspecify.annotations.NullMarked;
