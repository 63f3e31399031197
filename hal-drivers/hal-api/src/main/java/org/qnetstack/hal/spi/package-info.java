/**
 * Service-provider interfaces for driver authors: implement one, list it under
 * {@code META-INF/services}, and {@link org.qnetstack.hal.Drivers} will find it by URI.
 */
@NullMarked
package org.qnetstack.hal.spi;

import org.jspecify.annotations.NullMarked;
