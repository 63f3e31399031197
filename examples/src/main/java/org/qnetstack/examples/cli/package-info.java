/**
 * The examples' command line on picocli: one class per subcommand, all registered in {@link
 * org.qnetstack.examples.cli.Cli}; the options every example shares in {@link
 * org.qnetstack.examples.cli.CommonOptions}. Exit codes: 0 ok, 1 a run failed, 2 bad usage or configuration.
 */
package org.qnetstack.examples.cli;
