package com.example.wsapi.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a CloudFormation template (YAML or JSON) into plain maps, lists and scalars, with the short-form tags
 * ({@code !Ref}, {@code !Sub}, ...) turned into their long forms ({@code {"Ref": ..}}, {@code {"Fn::Sub": ..}}).
 */
final class TemplateYaml {

    /** The functions CloudFormation accepts as {@code !Name} short forms; each becomes {@code Fn::Name}. */
    private static final List<String> SHORT_FORM_FUNCTIONS = List.of("And", "Base64", "Cidr", "Equals", "FindInMap",
            "GetAZs", "GetAtt", "If", "ImportValue", "Join", "Length", "Not", "Or", "Select", "Split", "Sub",
            "ToJsonString", "Transform");

    /** Far above CloudFormation's 1 MB template limit, yet bounds what a hostile file can make us read. */
    private static final int MAX_CODE_POINTS = 5 * 1024 * 1024;
    /** Aliases can make a small file expand to a huge tree (billion laughs): stop well before memory runs out. */
    private static final int MAX_EXPANDED_NODES = 1_000_000;

    private TemplateYaml() {}

    /** The template's top-level mapping, with every mapping key as a String. */
    static Map<String, Object> read(Path file) throws TemplateException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);   // CloudFormation rejects duplicate keys too
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(MAX_CODE_POINTS);
        DumperOptions dumperOptions = new DumperOptions();
        Yaml yaml = new Yaml(new CloudFormationConstructor(options), new Representer(dumperOptions), dumperOptions,
                options, new Resolver());
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = yaml.load(reader);
        } catch (NoSuchFileException e) {
            throw new TemplateException(file + ": template not found: pass the path of your template.yaml", e);
        } catch (CharacterCodingException e) {
            throw new TemplateException(file + ": not UTF-8 text: save the template as UTF-8", e);
        } catch (IOException e) {
            throw new TemplateException(file + ": cannot read the template: " + e, e);
        } catch (YAMLException e) {
            throw new TemplateException(file + ": not a valid CloudFormation YAML/JSON template: " + e.getMessage(), e);
        }
        if (!(document instanceof Map)) {
            throw new TemplateException(file + ": the template must be a mapping with a Resources section, found "
                    + (document == null ? "an empty document" : "a " + document.getClass().getSimpleName()));
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) new Normalizer().copy(document);
            return root;
        } catch (TemplateProblem e) {
            throw new TemplateException(file + ": " + e.getMessage(), e);
        }
    }

    /** Copies the loaded tree with String keys, refusing recursive structures and alias bombs. */
    private static final class Normalizer {
        private final Set<Object> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
        private int nodes;

        Object copy(Object value) {
            if (++nodes > MAX_EXPANDED_NODES) {
                throw new TemplateProblem("the document", "expands to more than " + MAX_EXPANDED_NODES
                        + " values through aliases (*anchor): remove the aliases that repeat large blocks");
            }
            if (!(value instanceof Map) && !(value instanceof List)) {
                return value;
            }
            if (!inProgress.add(value)) {
                throw new TemplateProblem("the document", "an alias refers to a block that contains it: remove the recursive alias");
            }
            Object copy;
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
                copy = out;
            } else {
                List<Object> out = new ArrayList<>();
                ((List<?>) value).forEach(item -> out.add(copy(item)));
                copy = out;
            }
            inProgress.remove(value);
            return copy;
        }
    }

    /** SafeConstructor (no arbitrary types) that also knows CloudFormation's short-form tags. */
    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            // CloudFormation has no timestamp, binary, omap, pairs or set types: a date stays the text written.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            for (Tag unsupported : List.of(Tag.BINARY, Tag.OMAP, Tag.PAIRS, Tag.SET)) {
                yamlConstructors.remove(unsupported);
            }
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            for (String function : SHORT_FORM_FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
            }
        }

        /** {@code !Name arg} becomes {@code {"Fn::Name": arg}}; {@code !GetAtt A.B.C} becomes {@code [A, "B.C"]}. */
        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    int dot = text.indexOf('.');
                    argument = key.equals("Fn::GetAtt") && dot > 0
                            ? List.of(text.substring(0, dot), text.substring(dot + 1))
                            : text;
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(key, argument);
                return longForm;
            }
        }
    }
}
