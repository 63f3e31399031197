/**
 * Runs a study on Apache Spark: {@link org.qnetstack.study.spark.SparkExecutor} ships each point to an executor,
 * where it runs through the same {@link org.qnetstack.study.PointRunner} as on a local thread, so the results are
 * the same file. Local mode ({@code local[*]}) embeds Spark in this process; a master URL such as
 * {@code spark://host:7077} runs on a cluster (see {@code docs/studies.md}).
 */
@NullMarked
package org.qnetstack.study.spark;

import org.jspecify.annotations.NullMarked;
