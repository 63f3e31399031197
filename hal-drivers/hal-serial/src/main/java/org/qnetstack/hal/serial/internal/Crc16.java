package org.qnetstack.hal.serial.internal;

/**
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection), the check carried by
 * every streamed line. A CRC rather than an XOR sum because it catches every burst of up to 16 flipped
 * bits and every pair of flipped bits in a line this short, which is what line noise produces.
 */
public final class Crc16 {
    private Crc16() {
    }

    /** The CRC of the characters {@code [from, to)} of an ASCII string. */
    public static int of(CharSequence s, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc ^= (s.charAt(i) & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }

    public static int of(CharSequence s) {
        return of(s, 0, s.length());
    }
}
