package org.qnetstack.hal.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What makes a reply believable: doubled readings that agree, read-backs that match, exact verdicts. */
class RequestTest {
    private static final String OK = ";0,\"No error\"";
    private final Request read = Request.read("", List.of("INP4:THR?", "INP4:DEL?"));
    private final Request write = Request.write("INP4:DEL 8", List.of("INP4:DEL?"), List.of("8"));

    @Test
    void aReadSendsItsQueriesTwiceAndAWriteReadsBack() {
        assertEquals("*CLS;INP4:THR?;INP4:DEL?;INP4:THR?;INP4:DEL?;SYST:ERR?", read.wire());
        assertEquals("*CLS;INP4:DEL 8;INP4:DEL?;SYST:ERR?", write.wire());
        assertEquals("INP4:THR?;INP4:DEL?", read.text());
        assertEquals("INP4:DEL 8", write.text());
    }

    @Test
    void aReadIsBelievedWhenBothReadingsAgree() {
        assertEquals(new Request.Accepted(List.of("0.1000", "0")), read.judge("0.1000;0;0.1000;0" + OK));
    }

    @Test
    void aFlippedDigitInOneReadingIsCaught() {
        // The case: "0" read as "8" ('0' 0x30 and '8' 0x38 differ in one bit).
        assertInstanceOf(Request.Garbled.class, read.judge("0.1000;8;0.1000;0" + OK));
        assertInstanceOf(Request.Garbled.class, read.judge("0.1000;0;0.1000;8" + OK));
    }

    @Test
    void aWriteIsBelievedOnlyWhenItReadsBackWhatWasWritten() {
        assertEquals(new Request.Accepted(List.of("8")), write.judge("8" + OK));
        assertEquals(new Request.Unconfirmed(List.of("9")), write.judge("9" + OK));
    }

    @Test
    void aGarbledSuccessIsGarbledNotARejection() {
        assertInstanceOf(Request.Garbled.class, write.judge("8;1030,\"No error\""));
        assertInstanceOf(Request.Garbled.class, write.judge("8;0,\"No errox\""));
        assertInstanceOf(Request.Garbled.class, write.judge("8;0,\"No error\"x"));
        assertInstanceOf(Request.Garbled.class, write.judge("8;0,No error"));
    }

    @Test
    void rejectionsSayWhetherTheDeviceCanSendThem() {
        assertEquals(new Request.Rejected(new Scpi.Error(-222, "Data out of range"), true),
                write.judge("-222,\"Data out of range\""));
        assertInstanceOf(Request.Garbled.class, write.judge("-223,\"Data out of range\""), "a known text, a wrong code");
        assertInstanceOf(Request.Garbled.class, write.judge("-222,\"Data out of rangf\""), "a known code, a wrong text");
        assertEquals(new Request.Rejected(new Scpi.Error(1030, "Hardware fault"), false),
                write.judge("1030,\"Hardware fault\""), "another device's own error");
    }

    @Test
    void aReplyOfAnotherShapeIsGarbled() {
        assertInstanceOf(Request.Garbled.class, read.judge("0.1000;0" + OK));
        assertInstanceOf(Request.Garbled.class, read.judge("HELLO WORLD"));
        assertInstanceOf(Request.Garbled.class, write.judge(OK.substring(1)));
    }
}
