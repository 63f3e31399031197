package org.qnetstack.api;

import org.reactivestreams.Publisher;

/**
 * A program written reactively: it returns a publisher, which the runtime subscribes on the node's
 * loop; the program is done when the publisher completes.
 */
@FunctionalInterface
public interface ReactiveProgram {
    Publisher<?> run(Node node);
}
