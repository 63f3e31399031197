package org.qnetstack.link;

/**
 * The ERR reply.
 *
 * @param createId  the request it concerns
 * @param purposeId the requester's purpose id
 * @param code      why
 * @param message   what happened and what to do
 * @param fromSeq   for EXPIRE: first expired station sequence number, else −1
 * @param toSeq     for EXPIRE: last expired station sequence number, else −1
 */
public record LinkError(CreateId createId, int purposeId, LinkErrorCode code, String message, long fromSeq,
                        long toSeq) {
}
