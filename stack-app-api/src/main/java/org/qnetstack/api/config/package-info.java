/**
 * Network configuration: reads the YAML or JSON description of a network's nodes, links and seed
 * into the {@link org.qnetstack.hal.PlatformSpec} a platform is built from. Every bad field is
 * rejected at load time with its path and the reason, as a
 * {@link org.qnetstack.api.InvalidConfigurationException} (a {@link org.qnetstack.api.QnetstackException}, like
 * every failure of the application API).
 */
@NullMarked
package org.qnetstack.api.config;

import org.jspecify.annotations.NullMarked;
