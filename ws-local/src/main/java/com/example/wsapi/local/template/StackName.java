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
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The stack ws-local runs the template as (AWS::StackName, and the prefix of the tables the template leaves unnamed,
 * as CloudFormation names them). Chosen as the SAM CLI would deploy it, so that the name is stable whatever the
 * clone's folder is called: the {@code --stack-name} option; else {@code stack_name} in the SAM CLI's config file
 * beside the template (samconfig.toml, else samconfig.yaml or samconfig.yml; environment {@code default}, the deploy
 * command's section before the global one); else the template's folder name.
 *
 * @param name   the stack name
 * @param source where it came from, for the banner (e.g. {@code samconfig.toml})
 */
public record StackName(String name, String source) {

    /** CloudFormation's rule for stack names. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");
    private static final List<String> CONFIG_FILES = List.of("samconfig.toml", "samconfig.yaml", "samconfig.yml");
    /** SAM CLI's sections, most specific first: {@code sam deploy}'s parameters, then those of every command. */
    private static final List<List<String>> SECTIONS = List.of(
            List.of("default", "deploy", "parameters", "stack_name"),
            List.of("default", "global", "parameters", "stack_name"));

    /**
     * @param option       the --stack-name option, or null
     * @param templateFile the template (its folder holds the SAM CLI's config file)
     */
    public static StackName resolve(String option, Path templateFile) throws TemplateException {
        if (option != null) {
            return new StackName(requireValid(option, "--stack-name"), "--stack-name");
        }
        Path folder = templateFile.toAbsolutePath().getParent();
        for (String fileName : CONFIG_FILES) {
            Path file = folder.resolve(fileName);
            if (Files.isRegularFile(file)) {
                Optional<String> configured = configured(file);
                if (configured.isPresent()) {
                    return new StackName(requireValid(configured.get(), file + ": stack_name"), fileName);
                }
                break; // SAM CLI reads the first config file it finds, and only that one
            }
        }
        Path name = folder.getFileName();
        return new StackName(name == null ? "ws-local" : name.toString().replaceAll("[^A-Za-z0-9-]", "-"),
                "the template's folder name");
    }

    private static Optional<String> configured(Path file) throws TemplateException {
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = file.toString().endsWith(".toml") ? new TomlParser().parse(reader).valueMap()
                    : new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | ParsingException | YAMLException e) {
            throw new TemplateException(file + " is not valid " + (file.toString().endsWith(".toml") ? "TOML" : "YAML")
                    + " (the SAM CLI's config file, read for stack_name): " + e.getMessage(), e);
        }
        for (List<String> path : SECTIONS) {
            Object value = root;
            for (String key : path) {
                value = value instanceof Config config ? config.valueMap().get(key)
                        : value instanceof Map<?, ?> map ? map.get(key) : null;
            }
            if (value != null) {
                return Optional.of(value.toString());
            }
        }
        return Optional.empty();
    }

    private static String requireValid(String name, String where) throws TemplateException {
        if (!VALID.matcher(name).matches()) {
            throw new TemplateException(where + " is '" + name + "', not a stack name: CloudFormation allows "
                    + "letters, digits and hyphens, starting with a letter, at most 128 characters");
        }
        return name;
    }
}
