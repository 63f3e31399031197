/**
 * JMH benchmarks of the simulator's hot paths: the discrete-event kernel and the density-matrix state
 * engine, and the memory scenario runner. Build the executable jar with
 * {@code mvn -o -q -pl benchmarks -am package -DskipTests} and run
 * {@code java -jar benchmarks/target/benchmarks.jar}; see docs/performance.md.
 */
@NullMarked
package org.qnetstack.benchmarks;

import org.jspecify.annotations.NullMarked;
