package org.qnetstack.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One photon at a time: a link refused the interface is told, once, when its holder lets it go. */
class PhotonicInterfaceTest {
    @Test
    void aRefusedLinkIsWokenOnceWhenTheHolderReleases() {
        PhotonicInterface photonic = new PhotonicInterface();
        Object left = "left";
        Object right = "right";
        Object third = "third";
        List<String> woken = new ArrayList<>();
        assertTrue(photonic.acquireOrWait(left, () -> woken.add("left")));
        assertFalse(photonic.acquireOrWait(right, () -> woken.add("right")));
        assertFalse(photonic.acquireOrWait(right, () -> woken.add("right again")), "asking twice waits once");
        assertFalse(photonic.acquireOrWait(third, () -> woken.add("third")));
        photonic.release(right); // not the holder: nothing changes
        assertEquals(List.of(), woken);
        assertEquals(3, photonic.conflicts());
        photonic.release(left);
        assertEquals(List.of("right", "third"), woken, "in the order they asked");
        assertTrue(photonic.acquireOrWait(right, () -> woken.add("unexpected")));
        photonic.release(right);
        assertEquals(List.of("right", "third"), woken, "nobody waits any more");
    }
}
