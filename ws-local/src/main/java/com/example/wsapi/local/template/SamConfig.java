package com.example.wsapi.local.template;

import com.electronwill.nightconfig.core.Config;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.toml.TomlParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The SAM CLI's config file beside a template, read as {@code sam deploy} reads it: samconfig.toml, else
 * samconfig.yaml, else samconfig.yml (the first that exists, and only that one); environment {@code default}; a key
 * of the deploy command's section before the same key of the global one. A key's value is taken whole from one
 * section, never merged with the other's, as the SAM CLI does.
 */
public final class SamConfig {

    private static final List<String> FILE_NAMES = List.of("samconfig.toml", "samconfig.yaml", "samconfig.yml");
    /** SAM CLI's sections, most specific first: {@code sam deploy}'s parameters, then those of every command. */
    private static final List<String> COMMANDS = List.of("deploy", "global");

    /**
     * A key's value and where it was found.
     *
     * @param value   as the file has it: a string, number, boolean, list or table
     * @param section e.g. {@code default.deploy.parameters}
     */
    public record Setting(Object value, String section) {}

    private final Path file;
    private final Object root;

    private SamConfig(Path file, Object root) {
        this.file = file;
        this.root = root;
    }

    /** The config file in the template's folder, read; empty when there is none. */
    public static Optional<SamConfig> beside(Path templateFile) throws TemplateException {
        Path folder = templateFile.toAbsolutePath().getParent();
        for (String fileName : FILE_NAMES) {
            Path file = folder.resolve(fileName);
            if (Files.isRegularFile(file)) {
                return Optional.of(new SamConfig(file, read(file)));
            }
        }
        return Optional.empty();
    }

    private static Object read(Path file) throws TemplateException {
        boolean toml = file.toString().endsWith(".toml");
        try (Reader reader = Files.newBufferedReader(file)) {
            return toml ? new TomlParser().parse(reader).valueMap()
                    : new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | ParsingException | YAMLException e) {
            throw new TemplateException(file + " is not valid " + (toml ? "TOML" : "YAML") + " (the SAM CLI's "
                    + "config file, read for stack_name and parameter_overrides): " + e.getMessage(), e);
        }
    }

    /** The file's path. */
    public Path file() {
        return file;
    }

    /** The file's name, e.g. {@code samconfig.toml}. */
    public String fileName() {
        return file.getFileName().toString();
    }

    /** The key in {@code [default.deploy.parameters]}, else in {@code [default.global.parameters]}. */
    public Optional<Setting> setting(String key) {
        for (String command : COMMANDS) {
            Object value = root;
            for (String name : List.of("default", command, "parameters", key)) {
                value = value instanceof Config config ? config.valueMap().get(name)
                        : value instanceof Map<?, ?> map ? map.get(name) : null;
            }
            if (value != null) {
                return Optional.of(new Setting(value instanceof Config config ? config.valueMap() : value,
                        "default." + command + ".parameters"));
            }
        }
        return Optional.empty();
    }
}
