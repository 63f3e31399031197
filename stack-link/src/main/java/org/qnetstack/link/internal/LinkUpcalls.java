package org.qnetstack.link.internal;

import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkPair;

/** What a link end hands up to the node's link service: its pairs and its errors. */
interface LinkUpcalls {
    /** Hands a pair up; unless TAKEN, the caller releases its qubit. */
    DefaultLinkService.Delivery deliver(LinkPair pair);

    void deliverError(LinkError error);
}
