package org.qnetstack.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM manages every library the build makes, at the build's version, and nothing else: a new module or a new
 * version cannot be forgotten in it.
 */
class BomTest {
    /** Jar modules that are applications, measurements or the build's checks: no library a user depends on. */
    private static final Set<String> NOT_LIBRARIES = Set.of("examples", "benchmarks", "architecture-tests");

    @Test
    void theBomListsEveryLibraryModule() throws Exception {
        Path root = RepositoryFiles.root();
        Set<String> libraries = new TreeSet<>();
        collectLibraries(root, libraries);
        Set<String> managed = new TreeSet<>();
        Document bom = parse(root.resolve("qnetstack-bom/pom.xml"));
        // The BOM has no parent (it must not manage the user's other libraries), so its version is its own.
        assertEquals(text(parse(root.resolve("pom.xml")).getDocumentElement(), "version"),
                text(bom.getDocumentElement(), "version"), "qnetstack-bom's version against the parent's");
        Element management = child(bom.getDocumentElement(), "dependencyManagement");
        for (Element dependency : children(child(management, "dependencies"), "dependency")) {
            assertEquals("org.qnetstack", text(dependency, "groupId"), "the BOM manages qnetstack's artifacts only");
            assertEquals("${project.version}", text(dependency, "version"), text(dependency, "artifactId"));
            managed.add(text(dependency, "artifactId"));
        }
        assertEquals(libraries, managed, "qnetstack-bom/pom.xml against the build's library modules");
    }

    private static void collectLibraries(Path moduleDir, Set<String> libraries) throws Exception {
        Element project = parse(moduleDir.resolve("pom.xml")).getDocumentElement();
        Element packaging = child(project, "packaging");
        String kind = packaging == null ? "jar" : packaging.getTextContent().strip();
        String artifactId = text(project, "artifactId");
        if (kind.equals("jar") && !NOT_LIBRARIES.contains(artifactId)) {
            libraries.add(artifactId);
        }
        Element modules = child(project, "modules");
        if (modules != null) {
            for (Element module : children(modules, "module")) {
                collectLibraries(moduleDir.resolve(module.getTextContent().strip()), libraries);
            }
        }
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of the first direct child element with this name, or null. */
    static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }

    /** The first direct child element with this name, or null. */
    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
