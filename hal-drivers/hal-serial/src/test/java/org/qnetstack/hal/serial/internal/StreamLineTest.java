package org.qnetstack.hal.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamLineTest {
    @Test
    void crcIsCcittFalse() {
        assertEquals(0x29B1, Crc16.of("123456789")); // the standard check value
    }

    @Test
    void roundTripsEveryKind() {
        assertEquals(new StreamLine.Click(3, 123_456_789_012L), StreamLine.parse(StreamLine.click(3, 123_456_789_012L)));
        assertEquals(new StreamLine.Watermark(5_000, 12, 40), StreamLine.parse(StreamLine.watermark(5_000, 12, 40)));
        assertEquals(new StreamLine.Restart("acme,X,1,2"), StreamLine.parse(StreamLine.restart("acme,X,1,2")));
    }

    @Test
    void formatIsAsDocumented() {
        String line = StreamLine.click(2, 1500);
        assertEquals("#T 2,1500*" + String.format("%04X", Crc16.of("#T 2,1500")), line);
    }

    @Test
    void rejectsAMissingOrWrongCrc() {
        String good = StreamLine.click(2, 1500);
        for (String line : new String[] {"#T 2,1500", "#T 2,1500*ZZZZ", good.replace("1500", "1501"),
                good.substring(0, good.length() - 1), good + "0"}) {
            assertInstanceOf(StreamLine.Corrupt.class, StreamLine.parse(line), line);
        }
    }

    /** Bodies that are wrong in form, sealed with a correct CRC: only the form is wrong. */
    @ParameterizedTest
    @ValueSource(strings = {"#T 0,1500", "#T 2,-5", "#T 2;1500", "#T  2,1500", "#T 2,1500,7", "#T 2,", "#T ,5",
        "#Q 1,2", "#T 2,1234567890123456789", "#W 5", "#W 5,1", "#W 5,1,2,3", "#W 5,1,-2", "#T+2,5"})
    void rejectsMalformedBodiesEvenWithAGoodCrc(String body) {
        assertInstanceOf(StreamLine.Corrupt.class, StreamLine.parse(StreamLine.seal(body)), body);
    }

    @Test
    void crcIsUpperCaseOnly() {
        String line = StreamLine.click(1, 10);
        String lower = line.substring(0, line.length() - 4) + line.substring(line.length() - 4).toLowerCase();
        if (!lower.equals(line)) {
            assertInstanceOf(StreamLine.Corrupt.class, StreamLine.parse(lower));
        }
    }
}
