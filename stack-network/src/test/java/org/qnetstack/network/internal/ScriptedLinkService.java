package org.qnetstack.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.FidelityEstimate;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkListener;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.LinkService;
import org.qnetstack.link.RequestType;
import org.qnetstack.physical.QubitMemory;

/**
 * The link layer below a network node, played by the test: it records every CREATE, cancel and listener,
 * and delivers a pair or an error to a purpose id's listener only when the test says so. A delivered pair
 * takes a qubit of the node's memory, as a real link layer's would.
 */
final class ScriptedLinkService implements LinkService {
    private final String node;
    private final QubitMemory memory;
    private final LongSupplier clock;
    final List<CreateRequest> creates = new ArrayList<>();
    final List<CreateId> cancelled = new ArrayList<>();
    final Map<Integer, LinkListener> listeners = new HashMap<>();
    boolean closed;

    ScriptedLinkService(String node, QubitMemory memory, LongSupplier clock) {
        this.node = node;
        this.memory = memory;
        this.clock = clock;
    }

    @Override
    public CreateId create(CreateRequest request) {
        creates.add(request);
        return new CreateId(node, creates.size());
    }

    @Override
    public void listen(int purposeId, LinkListener listener) {
        listeners.put(purposeId, listener);
    }

    @Override
    public void unlisten(int purposeId) {
        listeners.remove(purposeId);
    }

    @Override
    public double alphaFor(String remoteNode, double minFidelity) {
        return 0.1;
    }

    @Override
    public double expectedFidelity(String remoteNode, double alpha) {
        return 1 - alpha;
    }

    @Override
    public FidelityEstimate fidelityEstimate(String remoteNode, double alpha) {
        throw new UnsupportedOperationException("the network layer does not ask for estimates");
    }

    @Override
    public boolean cancel(CreateId createId) {
        cancelled.add(createId);
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The last CREATE made towards a neighbour. */
    CreateRequest lastCreateTo(String remote) {
        for (int i = creates.size() - 1; i >= 0; i--) {
            if (creates.get(i).remoteNode().equals(remote)) {
                return creates.get(i);
            }
        }
        throw new AssertionError("no CREATE towards " + remote + " in " + creates);
    }

    /**
     * A kept pair heralded now with the neighbour, on the purpose id, with the Bell index and goodness given;
     * the pair id's creator is {@code creator} (the hop's leader).
     *
     * @return the qubit it sits on
     */
    int deliverPair(int purposeId, String remote, String creator, long sequence, int bellIndex, double goodness) {
        return deliverPair(new CreateId(creator, 0), purposeId, remote, creator, sequence, bellIndex, goodness);
    }

    /** As {@link #deliverPair(int, String, String, long, int, double)}, for the link request given. */
    int deliverPair(CreateId request, int purposeId, String remote, String creator, long sequence, int bellIndex,
                    double goodness) {
        int qubit = memory.tryAllocate(QubitRole.STORAGE);
        if (qubit < 0) {
            throw new AssertionError("the scripted node's memory is full");
        }
        EntanglementId id = new EntanglementId(creator, creator.equals(node) ? remote : node, sequence);
        LinkPair pair = new LinkPair(request, id, purposeId, remote, RequestType.KEEP, bellIndex,
                goodness, clock.getAsLong(), qubit, null, -1);
        LinkListener listener = listeners.get(purposeId);
        if (listener == null) {
            throw new AssertionError("nobody listens on purpose id " + purposeId + " at " + node);
        }
        listener.onPair(pair);
        return qubit;
    }

    /** An error for a purpose id's listener. */
    void deliverError(int purposeId, String creator, LinkErrorCode code, String message) {
        deliverError(new CreateId(creator, 0), purposeId, code, message);
    }

    /** An error ending the link request given, for a purpose id's listener. */
    void deliverError(CreateId request, int purposeId, LinkErrorCode code, String message) {
        listeners.get(purposeId).onError(new LinkError(request, purposeId, code, message, -1, -1));
    }
}
