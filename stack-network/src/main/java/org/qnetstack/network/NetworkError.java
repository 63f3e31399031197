package org.qnetstack.network;

import org.jspecify.annotations.Nullable;

/**
 * A request the network could not serve, or pairs it had to withdraw.
 *
 * @param socketId the requester's socket id
 * @param remoteNode the other end
 * @param code     why, in the link layer's terms (UNSUPP, EXPIRE, REJECTED, OTHER)
 * @param message  what happened and what to do
 * @param refusal  the figures, when the network refused to go on with the request (code REJECTED), or null
 */
public record NetworkError(int socketId, String remoteNode, org.qnetstack.link.LinkErrorCode code, String message,
                           @Nullable Refusal refusal) {
    /** An error without a refusal's figures. */
    public NetworkError(int socketId, String remoteNode, org.qnetstack.link.LinkErrorCode code, String message) {
        this(socketId, remoteNode, code, message, null);
    }
}
