package org.qnetstack.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's {@code ```xml} blocks (the lines a user pastes into a pom) name artifacts this build makes, at
 * its version: after a new version or a renamed module they would otherwise point at nothing.
 */
class ReadmeDependencyBlockTest {
    @Test
    void readmeDependenciesNameThisBuildsArtifactsAtItsVersion() throws Exception {
        Path root = RepositoryFiles.root();
        String version = BomTest.text(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(root.resolve("pom.xml").toFile()).getDocumentElement(), "version");
        List<ReadmeJavaBlocksTest.JavaBlock> blocks =
                ReadmeJavaBlocksTest.fencedBlocks(RepositoryFiles.lines(root.resolve("README.md")), "xml");
        assertFalse(blocks.isEmpty(), "README.md has no ```xml block with the dependency lines");
        for (ReadmeJavaBlocksTest.JavaBlock block : blocks) {
            String where = "README.md:" + block.fenceLine();
            // The block is pom fragments side by side: parse them under one root.
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                    ("<fragments>" + block.source() + "</fragments>").getBytes(StandardCharsets.UTF_8)));
            NodeList dependencies = doc.getElementsByTagName("dependency");
            assertTrue(dependencies.getLength() > 0, where + ": no <dependency>");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                String artifactId = BomTest.text(dependency, "artifactId");
                assertEquals("org.qnetstack", BomTest.text(dependency, "groupId"), where + ": " + artifactId);
                assertTrue(root.resolve(artifactId).resolve("pom.xml").toFile().isFile(),
                        where + ": " + artifactId + " is not a module of this build");
                String declared = BomTest.text(dependency, "version");
                if (declared != null) {
                    assertEquals(version, declared, where + ": " + artifactId + "'s version");
                }
            }
        }
    }
}
