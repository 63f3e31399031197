package org.qnetstack.link;

/**
 * Why the link layer could not serve a request. Every code ends the request at both ends (each end
 * reports it once its pairs already agreed on are delivered and every qubit held for the request is
 * released), except {@code EXPIRE}, which reports pairs given up while the request goes on.
 * <ul>
 * <li>{@code UNSUPP}: the minimum fidelity is above what the link can give at any α, or its max time is
 * shorter than a single pair can ever take; or the test rounds show, at their confidence, that the link
 * gives less than the minimum fidelity after all.</li>
 * <li>{@code NOTIME}: at the link's present load (the requests queued ahead in the same or a higher class),
 * the request could not be served within its max time; refused at once, nothing was queued.</li>
 * <li>{@code CREATE}: the device failed while attempting for the request (its driver threw); both ends
 * end the request.</li>
 * <li>{@code TIMEOUT}: the request's max time passed before all its pairs were made; both ends give it up
 * at the same slot.</li>
 * <li>{@code EXPIRE}: a heralded pair this end held was given up, because the other end never held it
 * (its herald was lost or late there) or could not confirm it in time; the range gives the station
 * sequence numbers. Informational: no pair is delivered at either end before both hold it, and the
 * request goes on to make its number of pairs.</li>
 * <li>{@code NORES}: a keep request found no free communication qubit, at one end, for longer than the
 * link layer's bound (memory full of pairs nobody released).</li>
 * <li>{@code REJECTED}: the peer refused the request: its queue for the link is full (the window is
 * bounded), or it allows no such request.</li>
 * <li>{@code CANCELLED}: {@link LinkService#cancel} was called for the request, at either end.</li>
 * <li>{@code UNREACHABLE}: the peer did not acknowledge the link layer's messages about the request for
 * longer than the link layer's bound; the link is probably down.</li>
 * <li>{@code OTHER}: anything else, e.g. the upper layer's listener threw on a pair (the pair's qubit is
 * released and the request ends at both ends); the message says what.</li>
 * </ul>
 */
public enum LinkErrorCode {
    UNSUPP, NOTIME, TIMEOUT, EXPIRE, REJECTED, CREATE, OTHER, NORES, CANCELLED, UNREACHABLE
}
