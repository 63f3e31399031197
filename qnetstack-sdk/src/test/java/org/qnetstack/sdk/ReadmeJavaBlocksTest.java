package org.qnetstack.sdk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README is compiled as printed, against this module's class path (the SDK
 * dependency a user declares), and its {@code main} is run. A block is therefore a whole compilation unit:
 * imports and one public class with a {@code public static void main(String[])} that prints its result. A
 * failure names the README line of the block (and of the compiler's complaint).
 */
class ReadmeJavaBlocksTest {
    private static final Pattern PUBLIC_CLASS = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final long RUN_TIMEOUT_SECONDS = 120;

    @TempDir
    Path classes;

    /** One fenced block: the README line of its opening fence and its text. */
    record JavaBlock(int fenceLine, String source) {
        /** The README line of the block's n-th line (1-based), for messages. */
        long readmeLine(long blockLine) {
            return fenceLine + blockLine;
        }
    }

    static List<JavaBlock> javaBlocks(List<String> lines) {
        return fencedBlocks(lines, "java");
    }

    /** The blocks fenced as {@code ```language}. */
    static List<JavaBlock> fencedBlocks(List<String> lines, String language) {
        List<JavaBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```" + language)) {
                continue;
            }
            int fence = i + 1;
            StringBuilder source = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                source.append(lines.get(i)).append('\n');
            }
            if (i == lines.size()) {
                throw new AssertionError("README.md:" + fence + ": ```" + language + " block never closed");
            }
            blocks.add(new JavaBlock(fence, source.toString()));
        }
        return blocks;
    }

    @Test
    void theReadmeHasJavaBlocks() {
        assertFalse(javaBlocks(RepositoryFiles.lines(RepositoryFiles.root().resolve("README.md"))).isEmpty(),
                "README.md has no ```java block: the first program must be one");
    }

    @Test
    void blocksAreFoundWithTheLineOfTheirFence() {
        List<JavaBlock> blocks = javaBlocks(List.of("text", "```java", "class A {}", "```", "```", "x", "```",
                "```java", "class B {}", "```"));
        assertTrue(blocks.equals(List.of(new JavaBlock(2, "class A {}\n"), new JavaBlock(8, "class B {}\n"))),
                blocks.toString());
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesAndRuns() {
        List<JavaBlock> blocks = javaBlocks(RepositoryFiles.lines(RepositoryFiles.root().resolve("README.md")));
        return blocks.stream().map(b -> DynamicTest.dynamicTest("README.md:" + b.fenceLine(), () -> compileAndRun(b)));
    }

    private void compileAndRun(JavaBlock block) throws Exception {
        String where = "README.md:" + block.fenceLine();
        Matcher publicClass = PUBLIC_CLASS.matcher(block.source());
        if (!publicClass.find()) {
            fail(where + ": a Java block must be a whole compilation unit (imports, then a public class with main)");
        }
        Matcher pkg = PACKAGE.matcher(block.source());
        String className = (pkg.find() ? pkg.group(1) + "." : "") + publicClass.group(1);
        Path out = Files.createDirectories(classes.resolve("block-" + block.fenceLine()));
        compile(block, className, out, where);
        run(className, out, where);
    }

    private static void compile(JavaBlock block, String className, Path out, String where) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject unit = new SimpleJavaFileObject(
                URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return block.source();
            }
        };
        List<String> options = List.of("--release", "17", "-proc:none", "-classpath", testClassPath(),
                "-d", out.toString());
        boolean compiled = javac.getTask(null, null, diagnostics, options, null, List.of(unit)).call();
        if (!compiled) {
            StringBuilder message = new StringBuilder(where + ": the Java block does not compile as printed:");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    message.append("\n  README.md:").append(block.readmeLine(d.getLineNumber())).append(": ")
                            .append(d.getMessage(Locale.ROOT));
                }
            }
            fail(message.toString());
        }
    }

    /** Runs main on its own thread, with System.out captured (the block's output is its business, not the log's). */
    private static void run(String className, Path out, String where) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                ReadmeJavaBlocksTest.class.getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Future<?> done = runner.submit(() -> {
                main.invoke(null, (Object) new String[0]);
                return null;
            });
            try {
                done.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                done.cancel(true);
                fail(where + ": the program did not finish within " + RUN_TIMEOUT_SECONDS + " s");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
                throw new AssertionError(where + ": the program threw " + cause, cause);
            }
        } catch (NoSuchMethodException e) {
            fail(where + ": " + className + " has no public static void main(String[])");
        } finally {
            System.setOut(stdout);
            runner.shutdownNow();
        }
        assertFalse(printed.toString(StandardCharsets.UTF_8).isBlank(),
                where + ": the program printed nothing; a README program shows its result");
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in its own property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
