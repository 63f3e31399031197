package org.qnetstack.hal.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {
    private final List<LineAssembler.Line> lines = new ArrayList<>();
    private final LineAssembler assembler = new LineAssembler(32, lines::add);

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        assembler.feed(b, 0, b.length);
    }

    @Test
    void acceptsLfAndCrlfEndings() {
        feed("one\ntwo\r\nthree\n");
        assertEquals(List.of(new LineAssembler.Line("one", true), new LineAssembler.Line("two", true),
                new LineAssembler.Line("three", true)), lines);
    }

    @Test
    void joinsPiecesOfALine() {
        feed("#T 1,");
        assertTrue(lines.isEmpty());
        assertTrue(assembler.hasPartial());
        feed("15");
        feed("00\r");
        feed("\n");
        assertEquals(List.of(new LineAssembler.Line("#T 1,1500", true)), lines);
        assertFalse(assembler.hasPartial());
    }

    @Test
    void marksNoiseAndShowsItsBytes() {
        feed("ab\u0001\u00ffc\n");
        assertEquals(List.of(new LineAssembler.Line("ab\\x01\\xFFc", false)), lines);
    }

    @Test
    void aLoneCrIsNoise() {
        feed("a\rb\n");
        assertEquals(List.of(new LineAssembler.Line("a\\x0Db", false)), lines);
    }

    @Test
    void cutsOverLongLinesAndStaysBounded() {
        feed("x".repeat(1000) + "\nok\n");
        assertEquals(2, lines.size());
        assertFalse(lines.get(0).clean());
        assertTrue(lines.get(0).text().length() < 100, "the kept text is bounded");
        assertEquals(new LineAssembler.Line("ok", true), lines.get(1));
    }

    @Test
    void dropsAnUnfinishedLineOnRequest() {
        feed("#T 1,5");
        assertEquals("#T 1,5", assembler.dropPartial());
        feed("#W 9,0*0000\n");
        assertEquals("#W 9,0*0000", lines.get(0).text());
    }
}
