package org.qnetstack.link;

/**
 * A link service that passes every call to another one: extend it to watch or change what goes through (e.g.
 * note which request each pair came from, or add noise in a test) by overriding only what differs.
 */
public abstract class ForwardingLinkService implements LinkService {
    private final LinkService delegate;

    protected ForwardingLinkService(LinkService delegate) {
        this.delegate = delegate;
    }

    /**
     * Called for every pair delivered through a listener registered here, before that listener sees it;
     * returns the pair the listener gets (the same one by default).
     */
    protected LinkPair onPair(LinkPair pair) {
        return pair;
    }

    @Override
    public CreateId create(CreateRequest request) {
        return delegate.create(request);
    }

    @Override
    public void listen(int purposeId, LinkListener listener) {
        delegate.listen(purposeId, new LinkListener() {
            @Override
            public void onPair(LinkPair pair) {
                listener.onPair(ForwardingLinkService.this.onPair(pair));
            }

            @Override
            public void onError(LinkError error) {
                listener.onError(error);
            }
        });
    }

    @Override
    public void unlisten(int purposeId) {
        delegate.unlisten(purposeId);
    }

    @Override
    public double alphaFor(String remoteNode, double minFidelity) {
        return delegate.alphaFor(remoteNode, minFidelity);
    }

    @Override
    public double expectedFidelity(String remoteNode, double alpha) {
        return delegate.expectedFidelity(remoteNode, alpha);
    }

    @Override
    public FidelityEstimate fidelityEstimate(String remoteNode, double alpha) {
        return delegate.fidelityEstimate(remoteNode, alpha);
    }

    @Override
    public boolean cancel(CreateId createId) {
        return delegate.cancel(createId);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
