package com.example.wsapi.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;

/**
 * The classes that compiled code uses and that neither it, the rest of its classpath, the Lambda runtime nor the JDK
 * holds: what a function would fail to load ({@code NoClassDefFoundError}) once an event reaches it. Read from the
 * class files' constant pools (every class a class file names there: its superclass, interfaces, the types of the
 * fields it reads and the methods it calls), not by loading anything.
 */
final class UnresolvedClasses {

    private static final int MAGIC = 0xCAFEBABE;
    /** JVMS 4.4.1's tag of a {@code CONSTANT_Class} entry. */
    private static final int CONSTANT_CLASS_TAG = 7;

    private UnresolvedClasses() {}

    /**
     * The classes (binary names, {@code a.b.C}, sorted) that the class files in {@code folders} name and that nothing
     * on {@code classpath} (folders and jars), nor the JDK, holds.
     */
    static List<String> of(List<Path> folders, List<Path> classpath) {
        Set<String> jarEntries = new HashSet<>();
        for (Path entry : classpath) {
            if (Files.isRegularFile(entry)) {
                jarEntries.addAll(entries(entry));
            }
        }
        ClassLoader jdk = ClassLoader.getPlatformClassLoader();
        Set<String> unresolved = new TreeSet<>();
        for (Path folder : folders) {
            for (String name : referencedBy(folder)) {
                String file = name + ".class";
                if (!unresolved.contains(name) && !jarEntries.contains(file) && jdk.getResource(file) == null
                        && classpath.stream().noneMatch(entry -> Files.isRegularFile(entry.resolve(file)))) {
                    unresolved.add(name);
                }
            }
        }
        return unresolved.stream().map(name -> name.replace('/', '.')).toList();
    }

    /** The internal names ({@code a/b/C}) of the classes that the class files under {@code folder} name. */
    private static Set<String> referencedBy(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".class")
                    && !f.getFileName().toString().equals("module-info.class") && Files.isRegularFile(f)).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    names.addAll(classNames(in));
                } catch (IOException e) {
                    // A damaged class file fails to load whatever it names: not this check's to say.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the classes in " + folder, e);
        }
        return names;
    }

    /**
     * The classes a class file's constant pool names (its {@code CONSTANT_Class} entries), arrays' element classes
     * included; none when it is no class file.
     */
    static Set<String> classNames(InputStream classFile) throws IOException {
        byte[] bytes = classFile.readAllBytes();
        ClassReader reader;
        try {
            if (bytes.length < 10 || ByteBuffer.wrap(bytes).getInt() != MAGIC) {
                return Set.of();
            }
            reader = new ClassReader(bytes);
        } catch (IllegalArgumentException e) {
            return Set.of(); // a class file of a Java newer than this ASM knows: it cannot be read
        }
        char[] buffer = new char[reader.getMaxStringLength()];
        Set<String> names = new HashSet<>();
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i); // 0 for the slot after a long or double
            if (offset > 0 && reader.b[offset - 1] == CONSTANT_CLASS_TAG) {
                String name = reader.readUTF8(offset, buffer);
                if (name.startsWith("[")) {
                    Type element = Type.getType(name).getElementType(); // [[Lpkg/Name; or an array of primitives
                    name = element.getSort() == Type.OBJECT ? element.getInternalName() : null;
                }
                if (name != null) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static Set<String> entries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> names = new HashSet<>();
            zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")).forEach(names::add);
            return names;
        } catch (IOException e) {
            return Set.of(); // not a jar that loads: nothing found in it
        }
    }
}
