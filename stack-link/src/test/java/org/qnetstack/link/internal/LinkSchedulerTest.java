package org.qnetstack.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.Priority;

class LinkSchedulerTest {
    record Item(long itemId, Priority priority, int weight, boolean consecutive, long startSlot,
                boolean wantsAttempts) implements LinkScheduler.Candidate {
        static Item of(long id, Priority p, int weight) {
            return new Item(id, p, weight, false, 0, true);
        }
    }

    private final LinkScheduler scheduler = new LinkScheduler(10);

    private Map<Long, Integer> shares(List<Item> queue, long slots) {
        Map<Long, Integer> served = new HashMap<>();
        for (long s = 0; s < slots; s++) {
            var c = scheduler.choose(queue, s);
            served.merge(c.item().itemId(), 1, Integer::sum);
        }
        return served;
    }

    @Test
    void slotsAreSharedInProportionToWeightWithinAClass() {
        var queue = List.of(Item.of(1, Priority.MEASURE_DIRECTLY, 1), Item.of(2, Priority.MEASURE_DIRECTLY, 2),
                Item.of(3, Priority.MEASURE_DIRECTLY, 3));
        // Whole cycles (6 weight units × 10 slots): the shares are exact.
        assertEquals(Map.of(1L, 1000, 2L, 2000, 3L, 3000), shares(queue, 6000));
    }

    @Test
    void aHigherClassTakesEverySlot() {
        var queue = List.of(Item.of(1, Priority.MEASURE_DIRECTLY, 5), Item.of(2, Priority.CREATE_KEEP, 1),
                Item.of(3, Priority.NETWORK_LAYER, 1));
        assertEquals(Map.of(3L, 600), shares(queue, 600));
        var noNetwork = List.of(queue.get(0), queue.get(1));
        assertEquals(Map.of(2L, 600), shares(noNetwork, 600));
    }

    @Test
    void aConsecutiveItemFirstInLineKeepsItsClassUntilItEnds() {
        var first = new Item(1, Priority.MEASURE_DIRECTLY, 1, true, 0, true);
        var other = Item.of(2, Priority.MEASURE_DIRECTLY, 5);
        assertEquals(Map.of(1L, 600), shares(List.of(first, other), 600));
        // Behind a non-consecutive item it waits for its turn.
        var behind = new Item(3, Priority.MEASURE_DIRECTLY, 1, true, 0, true);
        assertEquals(Map.of(2L, 600), shares(List.of(other, behind), 600));
    }

    @Test
    void itemsThatDoNotWantAttemptsOrHaveNotStartedAreSkippedAndBoundTheChoice() {
        var saturated = new Item(1, Priority.NETWORK_LAYER, 1, false, 0, false);
        var later = new Item(2, Priority.NETWORK_LAYER, 1, false, 50, true);
        var now = Item.of(3, Priority.MEASURE_DIRECTLY, 1);
        var choice = scheduler.choose(List.of(saturated, later, now), 7);
        assertEquals(3, choice.item().itemId());
        assertEquals(49, choice.until(), "the later item may take over at its start");
        assertEquals(2, scheduler.choose(List.of(saturated, later, now), 50).item().itemId());
        assertNull(scheduler.choose(List.of(saturated), 0));
        assertEquals(-1, scheduler.nextWorkSlot(List.of(saturated), 0));
        assertEquals(50, scheduler.nextWorkSlot(List.of(saturated, later), 3));
    }

    @Test
    void aChoiceStandsToTheEndOfItsBlock() {
        var queue = List.of(Item.of(1, Priority.MEASURE_DIRECTLY, 1), Item.of(2, Priority.MEASURE_DIRECTLY, 2));
        var c = scheduler.choose(queue, 3);
        assertEquals(1, c.item().itemId());
        assertEquals(9, c.until());
        c = scheduler.choose(queue, 12);
        assertEquals(2, c.item().itemId());
        assertEquals(29, c.until());
        // A lone item has no block end.
        assertEquals(Long.MAX_VALUE, scheduler.choose(List.of(queue.get(0)), 5).until());
    }
}
