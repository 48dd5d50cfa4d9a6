package dev.zkasync.spring.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java example of the starter's README compiles as written, imports included, against the
 * starter and its test class path: a user who copies one gets code that compiles.
 */
class ReadmeExamplesTests {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

    private static final Pattern CLASS_NAME = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");

    @Test
    void everyJavaExampleCompiles(@TempDir Path sources) throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher block = JAVA_BLOCK.matcher(readme);
        List<String> files = new ArrayList<>();
        while (block.find()) {
            String code = block.group(1);
            assertThat(code).as("an example with its imports").contains("import ");
            Matcher name = CLASS_NAME.matcher(code);
            assertThat(name.find()).as("a complete class in %s", code).isTrue();
            Path file = sources.resolve(name.group(1) + ".java");
            Files.writeString(file, code);
            files.add(file.toString());
        }
        assertThat(files).as("the README's Java examples").hasSizeGreaterThanOrEqualTo(3);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-d", sources.resolve("classes").toString(),
                "-classpath", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        arguments.addAll(files);
        int status = javac.run(null, null, null, arguments.toArray(String[]::new));
        assertThat(status).as("javac's verdict on the README's examples (errors above)").isZero();
    }

}
