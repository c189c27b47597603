package com.example.wsapi.local.template;

import com.electronwill.nightconfig.core.Config;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.toml.TomlParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The SAM CLI's config file, found and read as the SAM CLI finds it: {@code --config-file} when given (a relative path
 * from the template's folder, as the SAM CLI resolves it), else samconfig.toml, samconfig.yaml or samconfig.yml beside
 * the template (the first that exists, and only that one); environment {@code --config-env}, else {@code default}. A
 * command's key is taken from {@code [<env>.<command>.parameters]}, else from {@code [<env>.global.parameters]}: whole
 * from one section, never merged with the other's, as the SAM CLI does.
 */
public final class SamConfig {

    private static final List<String> FILE_NAMES = List.of("samconfig.toml", "samconfig.yaml", "samconfig.yml");
    /** The environment the SAM CLI reads without {@code --config-env}. */
    public static final String DEFAULT_ENV = "default";
    /** {@code sam deploy}'s section, and the one every command falls back to. */
    public static final String DEPLOY = "deploy";
    public static final String LOCAL_INVOKE = "local_invoke";
    private static final String GLOBAL = "global";

    /**
     * Which config file and environment a run reads, and the SAM CLI command whose section it reads first.
     *
     * @param file    the {@code --config-file} option, or null for the file beside the template
     * @param env     the {@code --config-env} option, or null for {@value #DEFAULT_ENV}
     * @param command {@value #DEPLOY} for the API (the deployed stack's values), {@value #LOCAL_INVOKE} for
     *                {@code invoke} (those of {@code sam local invoke})
     */
    public record Lookup(Path file, String env, String command) {
        /** As {@code sam deploy} reads it without options. */
        public static final Lookup DEPLOY = new Lookup(null, null, SamConfig.DEPLOY);

        /** Whether --config-file or --config-env was given: then the file must be there, and the environment in it. */
        public boolean named() {
            return file != null || env != null;
        }
    }

    /**
     * A key's value and where it was found.
     *
     * @param value   as the file has it: a string, number, boolean, list or table
     * @param section e.g. {@code default.deploy.parameters}
     */
    public record Setting(Object value, String section) {}

    private final Path file;
    private final Object root;
    private final String env;

    private SamConfig(Path file, Object root, String env) {
        this.file = file;
        this.root = root;
        this.env = env;
    }

    /** The config file in the template's folder, environment {@code default}; empty when there is none. */
    public static Optional<SamConfig> beside(Path templateFile) throws TemplateException {
        return read(templateFile, Lookup.DEPLOY);
    }

    /**
     * The config file {@code lookup} names, read; empty when it names none and there is none beside the template.
     *
     * @throws TemplateException when {@code --config-file} names no file the SAM CLI reads, {@code --config-env} an
     *                           environment the file does not have, or the file is not valid TOML or YAML
     */
    public static Optional<SamConfig> read(Path templateFile, Lookup lookup) throws TemplateException {
        Path folder = templateFile.toAbsolutePath().normalize().getParent();
        Path file = lookup.file() != null ? given(lookup.file(), folder) : FILE_NAMES.stream()
                .map(folder::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
        String env = lookup.env() != null ? requireEnvName(lookup.env()) : DEFAULT_ENV;
        if (file == null) {
            if (lookup.env() != null) {
                throw new TemplateException("--config-env " + env + ": there is no SAM CLI config file beside "
                        + templateFile.toAbsolutePath().normalize() + " (" + String.join(", ", FILE_NAMES)
                        + ") to read it from; give --config-file <file>, or leave --config-env out");
            }
            return Optional.empty();
        }
        SamConfig config = new SamConfig(file, parse(file), env);
        if (lookup.env() != null && !(config.child(config.root, env) instanceof Map<?, ?>)) {
            List<String> envs = config.environments();
            throw new TemplateException("--config-env " + env + ": " + file + " has no environment " + env + " ("
                    + (envs.isEmpty() ? "it has none" : "it has " + String.join(", ", envs)) + "); give one of its "
                    + "environments, or add [" + env + "." + lookup.command() + ".parameters] to it");
        }
        return Optional.of(config);
    }

    /** The --config-file's path, checked: relative to the template's folder, as the SAM CLI takes it. */
    private static Path given(Path option, Path templateFolder) throws TemplateException {
        Path file = templateFolder.resolve(option).normalize();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!(name.endsWith(".toml") || name.endsWith(".yaml") || name.endsWith(".yml"))) {
            throw new TemplateException("--config-file " + option + ": the SAM CLI reads config files ending in "
                    + ".toml, .yaml or .yml only");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            Path fromHere = option.toAbsolutePath().normalize();
            throw new TemplateException("--config-file " + option + ": no readable file at " + file
                    + (option.isAbsolute() ? "" : " (a relative path is taken from the template's folder, as the "
                    + "SAM CLI takes it" + (Files.isRegularFile(fromHere) ? "; give --config-file " + fromHere
                    + " for the one in the current folder" : "") + ")"));
        }
        return file;
    }

    private static String requireEnvName(String env) throws TemplateException {
        if (env.isBlank()) {
            throw new TemplateException("--config-env is empty: give the name of an environment of the config file, "
                    + "e.g. --config-env " + DEFAULT_ENV);
        }
        return env;
    }

    private static Object parse(Path file) throws TemplateException {
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

    /** The environment read, e.g. {@code default}. */
    public String env() {
        return env;
    }

    /** The key in {@code [<env>.<command>.parameters]}, else in {@code [<env>.global.parameters]}. */
    public Optional<Setting> setting(String command, String key) {
        for (String section : List.of(command, GLOBAL)) {
            Object value = root;
            for (String name : List.of(env, section, "parameters", key)) {
                value = child(value, name);
            }
            if (value != null) {
                return Optional.of(new Setting(value, env + "." + section + ".parameters"));
            }
        }
        return Optional.empty();
    }

    /** A table's entry as a value or a map (TOML's tables become maps), or null. */
    private Object child(Object table, String name) {
        Object value = table instanceof Map<?, ?> map ? map.get(name) : null;
        return value instanceof Config config ? config.valueMap() : value;
    }

    /** The file's environments: its top-level tables. */
    private List<String> environments() {
        List<String> envs = new ArrayList<>();
        if (root instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (child(map, name.toString()) instanceof Map<?, ?>) {
                    envs.add(name.toString());
                }
            });
        }
        envs.sort(null);
        return envs;
    }
}
