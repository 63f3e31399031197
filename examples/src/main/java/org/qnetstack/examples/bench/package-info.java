/**
 * The {@code bench} subcommand: end-to-end performance scenarios (kernel, state engine, one link, chains,
 * scaling, memory, QKD, link-layer throughput) timed on one thread, each printed beside its target.
 */
package org.qnetstack.examples.bench;
