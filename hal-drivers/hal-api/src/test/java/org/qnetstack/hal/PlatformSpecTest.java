package org.qnetstack.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The look-ups by name: the same answers as a scan, whichever spec was asked about last. */
class PlatformSpecTest {
    private static LinkSpec link(String a, String b) {
        return new LinkSpec(a + "-" + b, a, b, 1, HeraldingScheme.SINGLE_CLICK,
                new StationSpec(a + "-" + b + "-station", URI.create("sim:detectors")), Map.of());
    }

    private static PlatformSpec spec(List<String> names, List<LinkSpec> links) {
        return new PlatformSpec(1, names.stream().map(n -> NodeSpec.of(n, "generic")).toList(), links);
    }

    @Test
    void linksOfANodeAreThoseWithItAtEitherEndInTheSpecsOrder() {
        LinkSpec ab = link("a", "b");
        LinkSpec bc = link("b", "c");
        LinkSpec ca = link("c", "a");
        PlatformSpec spec = spec(List.of("a", "b", "c", "d"), List.of(ab, bc, ca));
        assertEquals(List.of(ab, ca), spec.linksOf("a"));
        assertEquals(List.of(ab, bc), spec.linksOf("b"));
        assertEquals(List.of(bc, ca), spec.linksOf("c"));
        assertEquals(List.of(), spec.linksOf("d"), "a node without links");
        assertEquals(List.of(), spec.linksOf("nobody"), "a name the spec does not have");
    }

    @Test
    void twoSpecsAskedInTurnEachAnswerForThemselves() {
        PlatformSpec one = spec(List.of("a", "b"), List.of(link("a", "b")));
        PlatformSpec two = spec(List.of("a", "c"), List.of(link("a", "c")));
        for (int i = 0; i < 3; i++) {
            assertEquals("a-b", one.linksOf("a").get(0).name());
            assertEquals("a-c", two.linksOf("a").get(0).name());
            assertTrue(one.node("c").isEmpty());
            assertEquals("c", two.node("c").orElseThrow().name());
        }
    }

    @Test
    void aNodeIsFoundByNameAndTheFirstWinsIfNamedTwice() {
        NodeSpec first = new NodeSpec("a", "generic", Map.of(), 1);
        NodeSpec second = new NodeSpec("a", "nv-2022", Map.of(), 2);
        PlatformSpec spec = new PlatformSpec(1, List.of(first, second, NodeSpec.of("b", "generic")), List.of());
        assertEquals(first, spec.node("a").orElseThrow());
        assertEquals("b", spec.node("b").orElseThrow().name());
        assertTrue(spec.node("z").isEmpty());
    }
}
