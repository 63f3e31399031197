/**
 * The application runtime's machinery: node stacks, sockets, the program runner. Not API.
 *
 * <h2>Programs and the kernel: who runs when</h2>
 *
 * The stack (link, network, transport, the sockets' inboxes) and the event kernel are single-threaded code:
 * they are run by one thread, the <em>loop</em> (the caller of {@code awaitCompletion()}, or a deployed node's
 * {@code NodeLoop}). A sequential program ({@code NodeProgram}) runs on a thread of its own and waits in
 * {@code block()}. The two take turns, and the rules below make it so by construction:
 *
 * <ol>
 *   <li><b>A program waits only in a gated {@code block()}.</b> Every {@code block()}/{@code blockLast()} made on a
 *       program's thread subscribes through Reactor's last-operator hook, which puts a {@link
 *       org.qnetstack.api.internal.Gate} before Reactor's blocking subscriber; the subscription advances the
 *       program's generation.</li>
 *   <li><b>Events never release a program.</b> The operators of a program's chain run where their signals come
 *       from, as in a reactive program: on the loop, inside the event. The gate passes a signal to the blocking
 *       subscriber at once only on the program's own thread; a signal arising on the loop is queued on the program
 *       and the loop is asked to stop after the event.</li>
 *   <li><b>The hand-off point.</b> Between two events ({@code ProgramRunner.afterEvent}) the loop hands each
 *       program, in registration order, the signals queued for it, in order. When one releases the program's
 *       {@code block()}, that release is the last thing the loop does: it then waits, touching nothing, until the
 *       program has made a new gated subscription and parked in it (its thread waits on the blocking subscriber's
 *       latch, with no {@code ProgramRunner.working} call under way), or has ended. Then it goes on with the
 *       queue. A program's step may queue signals for another program: the loop hands over until no signal is
 *       left, then runs the next event.</li>
 *   <li><b>What a program does while it runs</b> (take qubits, measure, open sockets, make requests, close
 *       sockets) it does directly on the stack: the loop is parked at the hand-off point, so the program is the
 *       only thread touching stack state. Its own subscriptions may complete on its own thread (a pair already
 *       waiting, a measurement): the gate passes those at once.</li>
 *   <li><b>Memory visibility</b>: the program's writes happen before its volatile generation advance, which the
 *       loop reads before it goes on; the loop's writes happen before the latch release that wakes the program.</li>
 * </ol>
 *
 * So stack state is touched by exactly one thread at a time, a woken program never runs while the loop is inside
 * an event, and the order of everything is fixed by the events and the registration order: the same seed gives
 * the same run. A program that waits on anything else (a real-time delay, {@code toIterable()}, a lock of its
 * own) is never taken as parked: after 30 s the loop reports it instead of hanging. A {@code block()} on one of
 * the API's publishers outside every sequential program (from the caller of {@code net.node(...)}, or inside a
 * reactive program) could never complete, since the loop is that very thread or is not running: it fails at once
 * with {@link org.qnetstack.api.ApiMisuseException}.
 */
@NullMarked
package org.qnetstack.api.internal;

import org.jspecify.annotations.NullMarked;
