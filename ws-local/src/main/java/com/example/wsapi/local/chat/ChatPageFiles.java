package com.example.wsapi.local.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The chat page's files (the project's {@code chat/} folder, packaged into ws-local under {@value #RESOURCE_FOLDER}),
 * read into memory once, each with its content type: requests are answered on the gateway's event loop, which must
 * never wait for a disk.
 */
final class ChatPageFiles {

    static final String RESOURCE_FOLDER = "chat-page";

    /** One file: its bytes and its Content-Type. */
    record File(byte[] content, String contentType) {}

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private ChatPageFiles() {}

    /** Every file of the page by its path under the folder ({@code index.html}, {@code app.js}, ...). */
    static Map<String, File> load() {
        URL index = ChatPageFiles.class.getClassLoader().getResource(RESOURCE_FOLDER + "/index.html");
        if (index == null) {
            throw new IllegalStateException("the chat page is missing from ws-local's classpath (" + RESOURCE_FOLDER
                    + "/index.html): build ws-local with Maven, which packages the project's chat/ folder");
        }
        try {
            URI uri = index.toURI();
            if (!uri.getScheme().equals("jar")) {
                return read(Path.of(uri).getParent());
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read(jar.getPath(RESOURCE_FOLDER));
            } catch (FileSystemAlreadyExistsException e) {
                return read(FileSystems.getFileSystem(uri).getPath(RESOURCE_FOLDER));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chat page from " + index, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the chat page from " + index, e);
        }
    }

    private static Map<String, File> read(Path folder) throws IOException {
        Map<String, File> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(path).toString().replace('\\', '/');
                files.put(name, new File(Files.readAllBytes(path), contentType(name)));
            }
        }
        return Map.copyOf(files);
    }

    /** By extension; anything unknown is served as bytes a browser will not run or render. */
    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
