package org.qnetstack.hal.serial.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.hal.serial.internal.StreamLine;

/** The emulator as a program, spoken to over plain TCP with the protocol's text, no driver involved. */
class EmulatorMainTest {
    @Test
    void servesTcpAndPlaysItsScriptWhenArmed(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("clicks.txt"), "0 1000\n1 1000\n2 5000\n");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (EmulatorMain.Running running = EmulatorMain.start(new String[] {"--tcp", "0", "--channels", "3",
                "--script", script.toString(), "--crlf"}, new PrintStream(printed, true, StandardCharsets.UTF_8));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), running.tcpPort())) {
            s.setSoTimeout(5000);
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("tcp 127.0.0.1:" + running.tcpPort()));
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out.write("*IDN?;SYST:CHAN?\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("qnetstack,DCE-3 emulated detector controller,EMU000001,1.0;3", in.readLine()); // CR LF read as one end
            out.write("ACQ:STAR\n".getBytes(StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            while (lines.size() < 4) {
                String line = in.readLine();
                if (!line.equals(StreamLine.watermark(0, 0, 0))) { // the start marker, and heartbeats before the script
                    lines.add(line);
                }
            }
            assertEquals(List.of(StreamLine.click(1, 1000), StreamLine.click(2, 1000), StreamLine.click(3, 5000),
                    StreamLine.watermark(5001, 3, 3)), lines);
        }
    }

    @Test
    void refusesBadArguments() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {}, quiet));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--tcp", "0", "--tty", "x"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--tcp", "0", "--bit-flips", "2"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--tcp", "0", "--drops", "x"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--tcp", "0", "--channels", "99"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--tcp"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--frobnicate"}, quiet));
    }
}
