package org.qnetstack.hal.serial.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.serial.ChannelSettings;
import org.qnetstack.hal.serial.Edge;

/**
 * The device's settings as the driver knows them, which of them the user chose, and the messages that
 * read, write and restore them. Two things are kept apart:
 *
 * <ul>
 *   <li>what the device holds, as last <em>verified</em> (read twice in agreement, or read back after a
 *       write): what {@link #channel} and {@link #windowPs} report;</li>
 *   <li>what the user chose through the driver: the only values the driver ever writes on its own.</li>
 * </ul>
 *
 * After a reconnection the driver reads every setting again and writes back only the user's choices that
 * the device no longer holds ({@link #toRestore}); a setting the user never changed is learned, never
 * written. The one exception is undoing the driver's own damage: a write garbled onto another input is
 * put back to that input's verified value ({@link #repair}).
 *
 * <p>Confined to the device's worker thread, except the verified values, which anyone may read.
 */
final class DeviceSettings {
    /** A per-input setting: its header and its value as the device answers it. */
    enum Kind {
        THRESHOLD("THR"), DELAY("DEL"), EDGE("EDGE");

        final String header;

        Kind(String header) {
            this.header = header;
        }

        String of(ChannelSettings s) {
            return switch (this) {
                case THRESHOLD -> volts(s.thresholdVolts());
                case DELAY -> Long.toString(s.delayPs());
                case EDGE -> s.edge().mnemonic();
            };
        }

        /** The settings with this one replaced by a value in the device's form; throws if it is not one. */
        ChannelSettings with(ChannelSettings s, String value) {
            return switch (this) {
                case THRESHOLD -> new ChannelSettings(Double.parseDouble(value), s.delayPs(), s.edge());
                case DELAY -> new ChannelSettings(s.thresholdVolts(), whole(value), s.edge());
                case EDGE -> new ChannelSettings(s.thresholdVolts(), s.delayPs(), Edge.parse(value));
            };
        }

        String query(int channel) {
            return "INP" + (channel + 1) + ":" + header + "?";
        }

        String set(int channel, String value) {
            return "INP" + (channel + 1) + ":" + header + " " + value;
        }
    }

    /** A user's choice the device does not hold; {@code kind} null for the coincidence window. */
    record Change(@Nullable Kind kind, int channel, String value) {
    }

    private final int channels;
    private volatile ChannelSettings[] device;
    private volatile long windowPs;
    private final ChannelSettings[] wanted;
    private final boolean[][] chosen;
    private long wantedWindow;
    private boolean windowChosen;

    DeviceSettings(int channels) {
        this.channels = channels;
        ChannelSettings unknown = new ChannelSettings(0, 0, Edge.RISING);
        this.device = new ChannelSettings[channels];
        Arrays.fill(device, unknown);
        this.wanted = device.clone();
        this.chosen = new boolean[channels][Kind.values().length];
    }

    int channels() {
        return channels;
    }

    ChannelSettings channel(int channel) {
        return device[channel];
    }

    ChannelSettings[] all() {
        return device.clone();
    }

    long windowPs() {
        return windowPs;
    }

    // ---- reading ----------------------------------------------------------------------------------

    static Request readWindow() {
        return Request.read("", List.of("COIN:WIND?"));
    }

    static Request readChannel(int channel) {
        return Request.read("", List.of(Kind.THRESHOLD.query(channel), Kind.DELAY.query(channel),
                Kind.EDGE.query(channel)));
    }

    /** Takes in the verified answers of {@link #readWindow}; throws IllegalArgumentException if malformed. */
    void learnedWindow(List<String> answers) {
        windowPs = whole(answers.get(0));
    }

    /** Takes in the verified answers of {@link #readChannel}; throws IllegalArgumentException if malformed. */
    void learnedChannel(int channel, List<String> answers) {
        ChannelSettings s = device[channel];
        for (Kind k : Kind.values()) {
            s = k.with(s, answers.get(k.ordinal()));
        }
        update(channel, s);
    }

    // ---- writing ----------------------------------------------------------------------------------

    /** The device's form of a value the user gives; throws IllegalArgumentException if it has none. */
    static String format(Kind kind, Object value) {
        return switch (kind) {
            case THRESHOLD -> volts((Double) value);
            case DELAY -> Long.toString((Long) value);
            case EDGE -> ((Edge) value).mnemonic();
        };
    }

    /**
     * Sets one input, and puts the {@code repairs} inputs back to their verified values; reads the setting
     * back on every input, since a garbled input number makes a write land on another one.
     */
    Request write(Kind kind, int channel, String value, Set<Integer> repairs) {
        List<String> sets = new ArrayList<>();
        sets.add(kind.set(channel, value));
        for (int r : repairs) {
            sets.add(kind.set(r, kind.of(device[r])));
        }
        List<String> queries = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int ch = 0; ch < channels; ch++) {
            queries.add(kind.query(ch));
            expected.add(ch == channel ? value : kind.of(device[ch]));
        }
        return Request.write(String.join(";", sets), queries, expected);
    }

    /**
     * The repair for a write whose read-back differs: inputs other than the one written that now hold the
     * written value, where the driver knows they held another, received the driver's own garbled write.
     */
    CommandRunner.Repair repair(Kind kind, int channel, String value) {
        Set<Integer> repairs = new LinkedHashSet<>();
        return readBack -> {
            for (int ch = 0; ch < channels && ch < readBack.size(); ch++) {
                if (ch != channel && readBack.get(ch).equals(value) && !value.equals(kind.of(device[ch]))) {
                    repairs.add(ch);
                }
            }
            return write(kind, channel, value, repairs);
        };
    }

    /** A write confirmed by its read-back; {@code byUser} makes it a choice recovery restores. */
    void written(Kind kind, int channel, String value, boolean byUser) {
        update(channel, kind.with(device[channel], value));
        if (byUser) {
            wanted[channel] = kind.with(wanted[channel], value);
            chosen[channel][kind.ordinal()] = true;
        }
    }

    static Request writeWindow(long ps) {
        return Request.write("COIN:WIND " + ps, List.of("COIN:WIND?"), List.of(Long.toString(ps)));
    }

    void windowWritten(long ps, boolean byUser) {
        windowPs = ps;
        if (byUser) {
            wantedWindow = ps;
            windowChosen = true;
        }
    }

    // ---- restoring --------------------------------------------------------------------------------

    /** The user's choices the device, as just read again, does not hold; the window first (kind null). */
    List<Change> toRestore() {
        List<Change> changes = new ArrayList<>();
        if (windowChosen && wantedWindow != windowPs) {
            changes.add(new Change(null, -1, Long.toString(wantedWindow)));
        }
        for (int ch = 0; ch < channels; ch++) {
            for (Kind k : Kind.values()) {
                String want = k.of(wanted[ch]);
                if (chosen[ch][k.ordinal()] && !want.equals(k.of(device[ch]))) {
                    changes.add(new Change(k, ch, want));
                }
            }
        }
        return changes;
    }

    /** After {@code *RST}: the user's choices are replaced by the device's defaults. */
    void forgetChoices() {
        windowChosen = false;
        for (boolean[] c : chosen) {
            Arrays.fill(c, false);
        }
    }

    private void update(int channel, ChannelSettings s) {
        ChannelSettings[] copy = device.clone();
        copy[channel] = s;
        device = copy;
    }

    /** Volts as sent and as answered: four decimals, the device's resolution. */
    static String volts(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static long whole(String text) {
        return Long.parseLong(text.trim());
    }
}
