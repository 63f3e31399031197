package org.qnetstack.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of every Markdown file in the repository resolves to a file inside the repository (a user
 * who clones it has nothing beside it), and a link's {@code #anchor} into a Markdown file names one of its
 * headings. Links to the web ({@code https:}, {@code mailto:}) are left alone; code blocks and code spans are
 * not links.
 */
class MarkdownLinksTest {
    /** [text](target) and ![alt](target), the target up to a space (a title may follow) or the closing parenthesis. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** [label]: target */
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)[^`].*?\\1");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    /** A link found in a file: the line it is on and its target as written. */
    record Link(int line, String target) {}

    static List<Link> links(List<String> lines) {
        List<Link> links = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            String text = CODE_SPAN.matcher(line).replaceAll("code");
            Matcher inline = INLINE_LINK.matcher(text);
            while (inline.find()) {
                links.add(new Link(i + 1, inline.group(1)));
            }
            Matcher reference = REFERENCE_DEFINITION.matcher(text);
            if (reference.matches()) {
                links.add(new Link(i + 1, reference.group(1)));
            }
        }
        return links;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        String plain = heading.replaceAll("`", "").toLowerCase(Locale.ROOT);
        return plain.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        boolean inFence = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inFence && heading.matches()) {
                anchors.add(anchor(heading.group(1)));
            }
        }
        return anchors;
    }

    @Test
    void linksAndAnchorsAreRecognised() {
        List<Link> found = links(List.of("see [a](docs/a.md#x) and ![img](p.png \"t\")", "`[no](code.md)`",
                "```", "[no](fence.md)", "```", "[ref]: ../b.md"));
        assertEquals(List.of(new Link(1, "docs/a.md#x"), new Link(1, "p.png"), new Link(6, "../b.md")), found);
        assertEquals("use-it-in-your-project", anchor("Use it in your project"));
        assertEquals("hardware-teams-the-conformance-kit", anchor("Hardware teams: the conformance kit"));
    }

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() {
        Path root = RepositoryFiles.root();
        List<String> broken = new ArrayList<>();
        List<Path> files = RepositoryFiles.markdownFiles(root);
        assertTrue(files.contains(root.resolve("README.md")), "README.md not found under " + root);
        for (Path file : files) {
            for (Link link : links(RepositoryFiles.lines(file))) {
                String problem = problem(root, file, link.target());
                if (problem != null) {
                    broken.add(root.relativize(file) + ":" + link.line() + ": " + link.target() + ": " + problem);
                }
            }
        }
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    /** Why a link does not resolve, or null when it does. */
    private static String problem(Path root, Path file, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (fragment != null && resolved.toString().endsWith(".md")
                && !anchors(RepositoryFiles.lines(resolved)).contains(fragment)) {
            return "no heading with anchor #" + fragment;
        }
        return null;
    }
}
