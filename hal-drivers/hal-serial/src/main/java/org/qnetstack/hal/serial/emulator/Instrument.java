package org.qnetstack.hal.serial.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.serial.Edge;
import org.qnetstack.hal.serial.internal.Scpi;
import org.qnetstack.hal.serial.internal.StreamLine;

/**
 * The emulated device itself, without any I/O: its settings, counters and error queue, the command
 * interpreter, and the tagging of clicks. Every method returns the lines the device sends in answer, in
 * order; the caller writes them. Not thread-safe: the emulator calls it under its one lock, which is
 * what makes a batch of stream lines and a reply never interleave.
 */
final class Instrument {
    static final double DEFAULT_THRESHOLD = 0.1;
    static final double MAX_THRESHOLD = 2.0;
    static final long MAX_DELAY_PS = 100_000;
    static final long DEFAULT_WINDOW_PS = 1000;
    static final long MAX_WINDOW_PS = 1_000_000_000;
    static final int ERROR_QUEUE = 16;

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern HEADER_PART = Pattern.compile("([A-Za-z]+)(\\d*)");

    /**
     * Every accepted spelling of a keyword (short and long form, upper case) to its short form. Keywords are
     * written in SCPI's way: the short form is the upper-case part of the long form.
     */
    private static final Map<String, String> KEYWORDS = new HashMap<>();

    static {
        for (String k : List.of("SYSTem", "ERRor", "NEXT", "CHANnels", "SYNC", "INPut", "THReshold", "DELay", "EDGE",
                "COINcidence", "COINcidences", "WINDow", "ACQuire", "STARt", "STOP", "STATe", "COUNt", "RESet")) {
            String shortForm = k.replaceAll("[a-z]", "");
            KEYWORDS.put(shortForm, shortForm);
            KEYWORDS.put(k.toUpperCase(Locale.ROOT), shortForm);
        }
    }

    /** A command's failure: the entry it leaves in the error queue. */
    private static final class Failure extends Exception {
        final int code;

        Failure(int code, String text) {
            super(text, null, false, false);
            this.code = code;
        }
    }

    private final int channels;
    private final String identity;
    private final double[] threshold;
    private final long[] delay;
    private final Edge[] edge;
    private final long[] counts;
    private final ArrayDeque<Scpi.Error> errors = new ArrayDeque<>();
    /** Tagged clicks waiting for the source's watermark to pass them: {tag, channel from 0}. */
    private final PriorityQueue<long[]> pending = new PriorityQueue<>((a, b) ->
            a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    private long window;
    private boolean armed;
    private long coincidences;
    private int unpairedChannel = -1;
    private long unpairedPs;
    private long watermark;
    private long sentSinceWatermark;
    /** Clicks streamed since power-on: the stream's sequence number, carried by every watermark. */
    private long sentTotal;
    private long starts;

    Instrument(int channels, String serial) {
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("channels must be in [1, 64] (was " + channels + ")");
        }
        this.channels = channels;
        this.identity = "qnetstack,DCE-" + channels + " emulated detector controller," + serial + ",1.0";
        this.threshold = new double[channels];
        this.delay = new long[channels];
        this.edge = new Edge[channels];
        this.counts = new long[channels];
        defaults();
    }

    private void defaults() {
        Arrays.fill(threshold, DEFAULT_THRESHOLD);
        Arrays.fill(delay, 0);
        Arrays.fill(edge, Edge.RISING);
        window = DEFAULT_WINDOW_PS;
        armed = false;
        pending.clear();
        resetCounters();
    }

    private void resetCounters() {
        Arrays.fill(counts, 0);
        coincidences = 0;
        unpairedChannel = -1;
    }

    String identity() {
        return identity;
    }

    boolean armed() {
        return armed;
    }

    long watermark() {
        return watermark;
    }

    /** How many times acquisition was started ({@code ACQ:STAR}). */
    long starts() {
        return starts;
    }

    // ---- commands ---------------------------------------------------------------------------------

    /** Runs a command line: every unit, even after one fails (so a trailing SYST:ERR? always answers). */
    List<String> execute(String line) {
        List<String> out = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (String unit : Scpi.units(line)) {
            if (unit.isEmpty()) {
                continue;
            }
            try {
                String reply = unit(unit, out);
                if (reply != null) {
                    replies.add(reply);
                }
            } catch (Failure f) {
                push(new Scpi.Error(f.code, f.getMessage()));
            }
        }
        if (!replies.isEmpty()) {
            out.add(String.join(";", replies));
        }
        return out;
    }

    /** A line that could not be read as text (bytes that are not printable ASCII, or too long). */
    void unreadable() {
        push(new Scpi.Error(-101, "Invalid character"));
    }

    private void push(Scpi.Error e) {
        if (errors.size() < ERROR_QUEUE - 1) {
            errors.add(e);
        } else if (errors.size() == ERROR_QUEUE - 1) {
            errors.add(new Scpi.Error(-350, "Queue overflow"));
        }
    }

    /** One message unit; stream lines it causes go to {@code out}, its reply is returned (null if none). */
    private @Nullable String unit(String unit, List<String> out) throws Failure {
        int space = indexOfWhitespace(unit);
        String header = space < 0 ? unit : unit.substring(0, space);
        String param = space < 0 ? "" : unit.substring(space).trim();
        boolean query = header.endsWith("?");
        if (query) {
            header = header.substring(0, header.length() - 1);
        }
        if (header.startsWith("*")) {
            return common(header.toUpperCase(Locale.ROOT), query, param);
        }
        if (header.startsWith(":")) {
            header = header.substring(1);
        }
        int suffix = 0;
        StringBuilder canonical = new StringBuilder();
        for (String part : header.split(":", -1)) {
            Matcher m = HEADER_PART.matcher(part);
            if (!m.matches()) {
                throw new Failure(-102, "Syntax error");
            }
            String keyword = keyword(m.group(1));
            if (keyword == null) {
                throw new Failure(-113, "Undefined header");
            }
            if (!m.group(2).isEmpty()) {
                if (!keyword.equals("INP")) {
                    throw new Failure(-113, "Undefined header");
                }
                suffix = Integer.parseInt(m.group(2).length() > 3 ? "999" : m.group(2));
            } else if (keyword.equals("INP")) {
                suffix = 1;
            }
            canonical.append(canonical.length() == 0 ? "" : ":").append(keyword);
        }
        String h = canonical.toString();
        if (h.equals("SYST:ERR:NEXT")) {
            h = "SYST:ERR";
        }
        if (h.startsWith("INP:") && (suffix < 1 || suffix > channels)) {
            throw new Failure(-114, "Header suffix out of range");
        }
        int ch = suffix - 1;
        switch (h + (query ? "?" : "")) {
            case "SYST:ERR?":
                none(param);
                Scpi.Error e = errors.isEmpty() ? Scpi.Error.NONE : errors.poll();
                return e.format();
            case "SYST:CHAN?":
                none(param);
                return Integer.toString(channels);
            case "SYST:SYNC?":
                if (!TOKEN.matcher(required(param)).matches()) {
                    throw new Failure(-224, "Illegal parameter value");
                }
                return param;
            case "INP:THR":
                double v = decimal(param);
                if (!(Math.abs(v) <= MAX_THRESHOLD)) {
                    throw new Failure(-222, "Data out of range");
                }
                threshold[ch] = v;
                return null;
            case "INP:THR?":
                none(param);
                return String.format(Locale.ROOT, "%.4f", threshold[ch]);
            case "INP:DEL":
                delay[ch] = integer(param, 0, MAX_DELAY_PS);
                return null;
            case "INP:DEL?":
                none(param);
                return Long.toString(delay[ch]);
            case "INP:EDGE":
                try {
                    edge[ch] = Edge.parse(required(param));
                } catch (IllegalArgumentException bad) {
                    throw new Failure(-224, "Illegal parameter value");
                }
                return null;
            case "INP:EDGE?":
                none(param);
                return edge[ch].mnemonic();
            case "COIN:WIND":
                window = integer(param, 1, MAX_WINDOW_PS);
                return null;
            case "COIN:WIND?":
                none(param);
                return Long.toString(window);
            case "ACQ:STAR":
                none(param);
                armed = true;
                starts++;
                pending.clear();
                sentSinceWatermark = 0;
                // Marks where the new acquisition starts: clicks after this line belong to it.
                out.add(StreamLine.watermark(watermark, 0, sentTotal));
                return null;
            case "ACQ:STOP":
                none(param);
                armed = false;
                pending.clear();
                return null;
            case "ACQ:STAT?":
                none(param);
                return armed ? "1" : "0";
            case "COUN?": {
                none(param);
                StringBuilder b = new StringBuilder();
                for (long c : counts) {
                    b.append(b.length() == 0 ? "" : ",").append(c);
                }
                return b.toString();
            }
            case "COUN:COIN?":
                none(param);
                return Long.toString(coincidences);
            case "COUN:RES":
                none(param);
                resetCounters();
                return null;
            default:
                throw new Failure(-113, "Undefined header");
        }
    }

    private @Nullable String common(String header, boolean query, String param) throws Failure {
        none(param);
        switch (header + (query ? "?" : "")) {
            case "*IDN?":
                return identity;
            case "*RST":
                defaults();
                return null;
            case "*CLS":
                errors.clear();
                return null;
            case "*OPC?":
                return "1";
            default:
                throw new Failure(-113, "Undefined header");
        }
    }

    private static @Nullable String keyword(String text) {
        return KEYWORDS.get(text.toUpperCase(Locale.ROOT));
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void none(String param) throws Failure {
        if (!param.isEmpty()) {
            throw new Failure(-108, "Parameter not allowed");
        }
    }

    private static String required(String param) throws Failure {
        if (param.isEmpty()) {
            throw new Failure(-109, "Missing parameter");
        }
        return param;
    }

    private static long integer(String param, long min, long max) throws Failure {
        if (!INTEGER.matcher(required(param)).matches()) {
            throw new Failure(-104, "Data type error");
        }
        long v = Long.parseLong(param);
        if (v < min || v > max) {
            throw new Failure(-222, "Data out of range");
        }
        return v;
    }

    private static double decimal(String param) throws Failure {
        if (!DECIMAL.matcher(required(param)).matches()) {
            throw new Failure(-104, "Data type error");
        }
        return Double.parseDouble(param);
    }

    // ---- acquisition ------------------------------------------------------------------------------

    /**
     * Takes in a batch from the click source. Armed, the clicks are tagged (their input's delay added) and
     * sent in tag order with a watermark after them; a click whose tag the watermark has not yet passed
     * waits for a later batch. Disarmed, they are thrown away.
     */
    List<String> acquire(ClickSource.Batch batch) {
        watermark = Math.max(watermark, batch.watermarkPs());
        if (!armed) {
            return List.of();
        }
        for (ClickEvent c : batch.clicks()) {
            if (c.channel() < channels) {
                pending.add(new long[] {c.timePs() + delay[c.channel()], c.channel()});
            }
        }
        List<String> out = new ArrayList<>();
        while (!pending.isEmpty() && pending.peek()[0] < watermark) {
            long[] c = pending.poll();
            count((int) c[1], c[0]);
            out.add(StreamLine.click((int) c[1] + 1, c[0]));
            sentSinceWatermark++;
            sentTotal++;
        }
        out.add(StreamLine.watermark(watermark, sentSinceWatermark, sentTotal));
        sentSinceWatermark = 0;
        return out;
    }

    /** Armed and idle: a watermark saying nothing new, so the client knows the device is alive. */
    List<String> heartbeat() {
        if (!armed) {
            return List.of();
        }
        sentSinceWatermark = 0;
        return List.of(StreamLine.watermark(watermark, 0, sentTotal));
    }

    /**
     * Counts a click. Coincidences pair clicks greedily in tag order: a click within the window of the
     * previous unpaired click on another channel pairs with it, and both are used up.
     */
    private void count(int channel, long ps) {
        counts[channel]++;
        if (unpairedChannel >= 0 && unpairedChannel != channel && ps - unpairedPs <= window) {
            coincidences++;
            unpairedChannel = -1;
        } else {
            unpairedChannel = channel;
            unpairedPs = ps;
        }
    }

    /** Power lost and back: defaults, empty error queue, and the restart notice. */
    List<String> powerCycle() {
        defaults();
        sentTotal = 0;
        errors.clear();
        return List.of(StreamLine.restart(identity));
    }
}
