package org.qnetstack.network;

/**
 * A request the network could not serve, or pairs it had to withdraw.
 *
 * @param socketId the requester's socket id
 * @param remoteNode the other end
 * @param code     why, in the link layer's terms (UNSUPP, EXPIRE, REJECTED, OTHER)
 * @param message  what happened and what to do
 */
public record NetworkError(int socketId, String remoteNode, org.qnetstack.link.LinkErrorCode code, String message) {
}
