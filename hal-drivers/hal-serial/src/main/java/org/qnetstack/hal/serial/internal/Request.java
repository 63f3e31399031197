package org.qnetstack.hal.serial.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One message for the device and what its reply must show before the driver believes it. Reply lines
 * carry no check of their own (the protocol's replies, as SCPI's, have none; only stream lines have a
 * CRC), so a reply is believed only when it is confirmed by something the noise cannot fake in one go:
 *
 * <ul>
 *   <li>A <b>read</b> sends every query twice in the same message ({@code *CLS;Q1;Q2;Q1;Q2;SYST:ERR?}): the
 *       device executes a message's units together, so the two readings are of the same state, and they
 *       must agree character for character. A flip that changes a digit changes one reading only.</li>
 *   <li>A <b>write</b> reads the setting back in the same message ({@code *CLS;INP4:DEL 8;INP1:DEL?;...;
 *       INP4:DEL?;SYST:ERR?}), and the answers must equal what the driver wrote and what it knows of the
 *       other inputs: a command garbled into another valid one (a digit of the value, or of the input's
 *       number, flipped) leaves a read-back that differs.</li>
 *   <li>The <b>verdict</b> (the error-queue entry that ends every reply) must be exactly
 *       {@code 0,"No error"} for success, or an entry of the device's error table for a rejection;
 *       anything else is a garbled reply, never a device error.</li>
 * </ul>
 *
 * A read-back was chosen over repeating the write and reading twice because it costs no extra exchange and
 * compares the device's state with the driver's intent, which is what must hold. What could still pass is
 * a second-order event: two flips in the two copies of a reading turning them into the same wrong text, or
 * a garbled write plus a garbled read-back that happens to spell the intended value.
 *
 * @param sets     setting units sent before the queries (may be empty)
 * @param queries  query units, in order
 * @param expected what each query must answer (a write's read-back), or null to read twice and compare
 */
public record Request(String sets, List<String> queries, @Nullable List<String> expected) {
    /** The reply of a message that succeeded. */
    public static final String SUCCESS = Scpi.Error.NONE.format();

    public Request {
        queries = List.copyOf(queries);
        expected = expected == null ? null : List.copyOf(expected);
        if (expected != null && expected.size() != queries.size()) {
            throw new IllegalArgumentException(queries.size() + " queries but " + expected.size() + " expected answers");
        }
    }

    /** Queries read twice; the answers are what both readings say. */
    public static Request read(String sets, List<String> queries) {
        return new Request(sets, queries, null);
    }

    /** Settings followed by queries whose answers must be as given. */
    public static Request write(String sets, List<String> readBack, List<String> expected) {
        return new Request(sets, readBack, expected);
    }

    /** The line as sent: the error queue cleared first and read last. */
    public String wire() {
        StringBuilder b = new StringBuilder("*CLS;");
        if (!sets.isEmpty()) {
            b.append(sets).append(';');
        }
        for (int round = 0; round < (expected == null ? 2 : 1); round++) {
            for (String q : queries) {
                b.append(q).append(';');
            }
        }
        return b.append("SYST:ERR?").toString();
    }

    /** The command as reported in exceptions: what the caller asked for, without the driver's wrapping. */
    public String text() {
        return sets.isEmpty() ? String.join(";", queries) : sets;
    }

    /** What a reply says, once judged. */
    public sealed interface Verdict {
    }

    /** Believed: the answers to the queries. */
    public record Accepted(List<String> answers) implements Verdict {
    }

    /** The device rejected the message; {@code known} says whether the entry is one of its table. */
    public record Rejected(Scpi.Error error, boolean known) implements Verdict {
    }

    /** A write's read-back that is not what was written: the device holds something else. */
    public record Unconfirmed(List<String> answers) implements Verdict {
    }

    /** Not a believable reply to this message: garbled, or another message's. */
    public record Garbled(String why) implements Verdict {
    }

    /** Judges a reply line. */
    public Verdict judge(String reply) {
        List<String> units = Scpi.units(reply);
        String last = units.get(units.size() - 1);
        if (!last.equals(SUCCESS)) {
            Optional<Scpi.Error> e = Scpi.parseError(last);
            if (e.isEmpty()) {
                return new Garbled("it does not end with an error-queue entry");
            }
            Scpi.Error error = e.get();
            boolean known = Scpi.Error.KNOWN.contains(error);
            if (!known && Scpi.Error.KNOWN.stream().anyMatch(k -> k.code() == error.code() || k.text().equals(error.text()))) {
                return new Garbled("'" + last + "' is an entry of the device's table garbled");
            }
            return new Rejected(error, known);
        }
        int k = queries.size();
        int want = expected == null ? 2 * k : k;
        if (units.size() - 1 != want) {
            return new Garbled((units.size() - 1) + " value(s) where " + want + " were expected");
        }
        List<String> answers = List.copyOf(units.subList(0, k));
        if (expected == null) {
            List<String> again = units.subList(k, 2 * k);
            return answers.equals(again) ? new Accepted(answers)
                    : new Garbled("the two readings disagree: " + answers + " and " + again);
        }
        return answers.equals(expected) ? new Accepted(answers) : new Unconfirmed(answers);
    }

    /** The units of a message, for building one: empty parts left out. */
    static String join(List<String> units) {
        List<String> parts = new ArrayList<>();
        for (String u : units) {
            if (!u.isEmpty()) {
                parts.add(u);
            }
        }
        return String.join(";", parts);
    }
}
