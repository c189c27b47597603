package com.example.wsapi.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.testing.JavaSources;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classes that compiled code names and its classpath lacks, read from real class files the JDK's compiler wrote. */
class UnresolvedClassesTest {

    @TempDir
    Path dir;
    private Path classes;
    private Path dependencyClass;

    @BeforeEach
    void compile() throws Exception {
        Path compiled = JavaSources.compile(dir.resolve("compiled"), Map.of(
                "app.Handler", """
                        package app;
                        public class Handler implements java.util.function.Supplier<String> {
                            // A long and a double constant: each takes two constant pool slots.
                            public String get() { return lib.Greeting.text() + new lib.Greeting[2][2].length
                                    + new int[2][2].length + (System.nanoTime() + 12345678901L) + 2.718281828; }
                        }""",
                "lib.Greeting", "package lib; public class Greeting { public static String text() { return \"hi\"; } }"));
        classes = Files.createDirectories(dir.resolve("classes/app"));
        Files.copy(compiled.resolve("app/Handler.class"), classes.resolve("Handler.class"));
        classes = classes.getParent();
        dependencyClass = compiled.resolve("lib/Greeting.class");
    }

    @Test
    void classNames_areEveryClassTheConstantPoolNames_arraysByTheirElement() throws Exception {
        try (InputStream in = Files.newInputStream(classes.resolve("app/Handler.class"))) {
            Set<String> names = UnresolvedClasses.classNames(in);

            assertTrue(names.containsAll(Set.of("app/Handler", "java/lang/Object", "java/util/function/Supplier",
                    "lib/Greeting")), names.toString());
            assertTrue(names.stream().noneMatch(name -> name.startsWith("[")), names.toString());
        }
    }

    @Test
    void aClassOfADependencyMissingFromTheClasspath_isUnresolved_theJdksAreNot() {
        assertEquals(List.of("lib.Greeting"), UnresolvedClasses.of(List.of(classes), List.of(classes)));
    }

    @Test
    void aClassInAJarOrAnotherFolderOfTheClasspath_isResolved() throws Exception {
        Path jar = JavaSources.archive(dir.resolve("greeting.jar"), Map.of("lib/Greeting.class", dependencyClass));
        Path other = Files.createDirectories(dir.resolve("other/lib"));
        Files.copy(dependencyClass, other.resolve("Greeting.class"));

        assertEquals(List.of(), UnresolvedClasses.of(List.of(classes), List.of(classes, jar)));
        assertEquals(List.of(), UnresolvedClasses.of(List.of(classes), List.of(classes, other.getParent())));
    }

    @Test
    void classNames_ofAFileThatIsNoClassFile_isNone() throws Exception {
        assertEquals(Set.of(), UnresolvedClasses.classNames(new java.io.ByteArrayInputStream(
                "not a class file, only text".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
}
