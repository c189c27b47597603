package com.example.wsapi.local.lambda;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The classes that compiled code uses and that neither it, the rest of its classpath, the Lambda runtime nor the JDK
 * holds: what a function would fail to load ({@code NoClassDefFoundError}) once an event reaches it. Read from the
 * class files' constant pools (every class a class file names there: its superclass, interfaces, the types of the
 * fields it reads and the methods it calls), not by loading anything.
 */
final class UnresolvedClasses {

    private static final int MAGIC = 0xCAFEBABE;

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
     * The classes a class file's constant pool names, arrays' element classes included; none when it is no class file.
     */
    static Set<String> classNames(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(classFile));
        if (in.readInt() != MAGIC) {
            return Set.of();
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] texts = new String[count];
        List<Integer> classes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> texts[i] = in.readUTF(); // Utf8: the class file's modified UTF-8, as readUTF reads it
                case 7 -> classes.add(in.readUnsignedShort()); // Class: the index of its name
                case 8, 16, 19, 20 -> in.skipNBytes(2); // String, MethodType, Module, Package
                case 15 -> in.skipNBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // numbers, references, (Invoke)Dynamic
                case 5, 6 -> { // Long and Double take two entries
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool entry " + tag + " at " + i);
            }
        }
        Set<String> names = new HashSet<>();
        for (int index : classes) {
            String name = index < count ? texts[index] : null;
            if (name != null && name.startsWith("[")) {
                int element = name.indexOf('L'); // [[Lpkg/Name; (an array of primitives names no class)
                name = element > 0 && name.endsWith(";") ? name.substring(element + 1, name.length() - 1) : null;
            }
            if (name != null) {
                names.add(name);
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
