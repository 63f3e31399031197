package org.qnetstack.link;

/**
 * Why the link layer could not serve a request.
 * <ul>
 * <li>{@code UNSUPP}: the minimum fidelity is above what the link can give at any α.</li>
 * <li>{@code TIMEOUT}: the request's max time passed before all its pairs were made; both ends give it up
 * at the same slot.</li>
 * <li>{@code EXPIRE}: pairs already delivered are invalid (their heralds were lost at one end).</li>
 * <li>{@code REJECTED}: the peer refused the request.</li>
 * <li>{@code OTHER}: anything else; the message says what.</li>
 * </ul>
 */
public enum LinkErrorCode {
    UNSUPP, TIMEOUT, EXPIRE, REJECTED, OTHER
}
