package org.qnetstack.physical;

/**
 * The station's verdict on one slot. {@code MISMATCH}: the ends attempted for different queue items;
 * {@code NO_PARTNER}: only one end attempted. Neither yields a pair.
 */
public enum HeraldOutcome {
    FAIL, PSI_PLUS, PSI_MINUS, MISMATCH, NO_PARTNER;

    public boolean success() {
        return this == PSI_PLUS || this == PSI_MINUS;
    }

    public int bellIndex() {
        return switch (this) {
            case PSI_PLUS -> 2;
            case PSI_MINUS -> 3;
            default -> throw new IllegalStateException(this + " heralds no pair");
        };
    }
}
