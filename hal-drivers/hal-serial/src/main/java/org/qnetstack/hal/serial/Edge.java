package org.qnetstack.hal.serial;

import java.util.Locale;

/** Which edge of a detector's output pulse the time tagger stamps. */
public enum Edge {
    RISING("RIS"), FALLING("FALL");

    private final String mnemonic;

    Edge(String mnemonic) {
        this.mnemonic = mnemonic;
    }

    /** The short form used on the wire: {@code RIS} or {@code FALL}. */
    public String mnemonic() {
        return mnemonic;
    }

    /** Reads a short or long form, in any case ({@code RIS}, {@code rising}, {@code FALL}, ...). */
    public static Edge parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Edge e : values()) {
            if (t.equals(e.mnemonic) || t.equals(e.name())) {
                return e;
            }
        }
        throw new IllegalArgumentException("not an edge: '" + text + "' (RIS[ing] or FALL[ing])");
    }
}
