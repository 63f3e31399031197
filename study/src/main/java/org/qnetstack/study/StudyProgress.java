package org.qnetstack.study;

/**
 * Told as points finish, from whichever thread finished them (one call at a time). {@code done} counts
 * finished points, failed ones included.
 */
@FunctionalInterface
public interface StudyProgress {
    /** Reports nothing. */
    StudyProgress NONE = (done, failed, total) -> { };

    void update(int done, int failed, int total);
}
