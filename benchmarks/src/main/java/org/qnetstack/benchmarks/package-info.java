/**
 * JMH benchmarks of the simulator's hot paths: the discrete-event kernel and the density-matrix state
 * engine. Build the executable jar with {@code mvn install} and run {@code java -jar benchmarks/target/benchmarks.jar}.
 */
@NullMarked
package org.qnetstack.benchmarks;

import org.jspecify.annotations.NullMarked;
