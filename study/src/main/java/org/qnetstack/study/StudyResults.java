package org.qnetstack.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A study's results, one per point in the grid's order, and their tables: CSV (one row per point, a column per
 * varied field and per figure) and JSON lines (one object per point). Numbers are written in full precision, so
 * the same study gives the same bytes on any executor.
 */
public final class StudyResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<PointResult> results;

    StudyResults(List<PointResult> results) {
        this.results = List.copyOf(results);
    }

    public List<PointResult> all() {
        return results;
    }

    /** The points that kept failing, with their errors. */
    public List<PointResult> failed() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    /** The figures' names, in the order the first point that has each gave them. */
    public List<String> figures() {
        Set<String> names = new LinkedHashSet<>();
        results.forEach(r -> names.addAll(r.values().keySet()));
        return List.copyOf(names);
    }

    private List<String> settingNames() {
        Set<String> names = new LinkedHashSet<>();
        results.forEach(r -> r.point().settings().forEach(s -> names.add(s.path())));
        return List.copyOf(names);
    }

    /** The table as CSV (RFC 4180 quoting), with a header row. */
    public String toCsv() {
        List<String> settings = settingNames();
        List<String> figures = figures();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("index", "configuration"));
        header.addAll(settings);
        header.addAll(List.of("seed", "ok", "attempts"));
        header.addAll(figures);
        header.add("error");
        row(out, header);
        for (PointResult r : results) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(r.point().index()));
            cells.add(r.point().configuration());
            for (String s : settings) {
                String v = r.point().setting(s);
                cells.add(v == null ? "" : v);
            }
            cells.add(r.point().seed() == PointRunner.CONFIGURED_SEED ? "" : Long.toString(r.point().seed()));
            cells.add(Boolean.toString(r.ok()));
            cells.add(Integer.toString(r.attempts()));
            for (String f : figures) {
                Object v = r.values().get(f);
                cells.add(v == null ? "" : v.toString());
            }
            cells.add(r.error() == null ? "" : r.error());
            row(out, cells);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append('\n');
    }

    /** One JSON object per line and point: index, configuration, settings, seed, ok, attempts, values, error. */
    public String toJsonLines() {
        StringBuilder out = new StringBuilder();
        for (PointResult r : results) {
            ObjectNode o = JSON.createObjectNode();
            o.put("index", r.point().index());
            o.put("configuration", r.point().configuration());
            ObjectNode settings = o.putObject("settings");
            r.point().settings().forEach(s -> settings.put(s.path(), s.value()));
            if (r.point().seed() != PointRunner.CONFIGURED_SEED) {
                o.put("seed", r.point().seed());
            }
            o.put("ok", r.ok());
            o.put("attempts", r.attempts());
            o.set("values", JSON.valueToTree(r.values()));
            if (r.error() != null) {
                o.put("error", r.error());
            }
            try {
                out.append(JSON.writeValueAsString(o)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a study result that JSON cannot hold", e);
            }
        }
        return out.toString();
    }

    public void writeCsv(Path file) {
        write(file, toCsv());
    }

    public void writeJsonLines(Path file) {
        write(file, toJsonLines());
    }

    private static void write(Path file, String text) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
