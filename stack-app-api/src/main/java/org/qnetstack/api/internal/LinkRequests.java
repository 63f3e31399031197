package org.qnetstack.api.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.ForwardingLinkService;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.LinkService;

/**
 * The node's link service as the network layer sees it, noting which link request each pair came from, so
 * that an EPR socket can cancel its request at both ends when its program stops wanting pairs (the network
 * layer's pairs do not carry the create id, and its interface has no cancel).
 */
public final class LinkRequests extends ForwardingLinkService {
    /** Pairs remembered for a later cancel: far more than a socket holds unclaimed at once. */
    private static final int MEMORY = 4096;

    private final Map<EntanglementId, LinkPair> origins = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EntanglementId, LinkPair> eldest) {
            return size() > MEMORY;
        }
    };
    private @Nullable CreateId lastCreated;
    private int lastPurpose;
    private @Nullable String lastRemote;

    public LinkRequests(LinkService link) {
        super(link);
    }

    @Override
    public CreateId create(CreateRequest request) {
        CreateId id = super.create(request);
        lastCreated = id;
        lastPurpose = request.purposeId();
        lastRemote = request.remoteNode();
        return id;
    }

    /**
     * The link request that a network request just made, if the network layer served it with one link
     * request for the socket (a neighbour, no circuit policy); null if it built a circuit instead.
     */
    @Nullable CreateId takeCreated(int socketId, String remote) {
        CreateId id = lastCreated;
        lastCreated = null;
        return id != null && lastPurpose == socketId && remote.equals(lastRemote) ? id : null;
    }

    /**
     * The link request a pair delivered to a socket came from, or null if it came over a circuit (whose hops'
     * requests belong to the network layer, not to the socket) or is forgotten.
     */
    @Nullable CreateId origin(EntanglementId pair, int socketId) {
        LinkPair p = origins.get(pair);
        return p != null && p.purposeId() == socketId ? p.createId() : null;
    }

    @Override
    protected LinkPair onPair(LinkPair pair) {
        origins.put(pair.entanglementId(), pair);
        return pair;
    }
}
