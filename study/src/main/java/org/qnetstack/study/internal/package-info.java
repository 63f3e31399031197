/** How a study point's network is made: its configuration read once, its fields changed, its seed set. */
@NullMarked
package org.qnetstack.study.internal;

import org.jspecify.annotations.NullMarked;
