package com.example.wsapi.httpbackend;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** A CloudFormation template as maps and lists, each short-form tag ({@code !Sub x}) as a map ({@code {Sub: x}}). */
final class CloudFormationYaml {

    private static final List<String> TAGS = List.of("Ref", "Sub", "GetAtt", "If", "Not", "Equals", "Join", "Select",
            "Split", "FindInMap", "Condition", "And", "Or", "Base64", "GetAZs", "ImportValue");

    private CloudFormationYaml() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml(new Constructor()).load(reader);
        }
    }

    /** A path into the tree: {@code at(template, "Resources", "Api", "Properties")}. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError("no " + String.join(".", keys) + " (missing " + key + ")");
            }
            node = map.get(key);
        }
        return (T) node;
    }

    private static final class Constructor extends SafeConstructor {
        Constructor() {
            super(new LoaderOptions());
            for (String tag : TAGS) {
                yamlConstructors.put(new Tag("!" + tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            value = constructScalar(scalar);
                        } else if (node instanceof SequenceNode sequence) {
                            value = constructSequence(sequence);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(tag, value);
                    }
                });
            }
        }
    }
}
