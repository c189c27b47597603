package com.example.wsapi.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options table of a command: what {@code --help} prints, and what README.md's tables hold, so that the two
 * cannot drift (ReadmeOptionsTableTest compares them). One row per option, in the options' {@code order}: the option
 * and its value, its default, and what it is for, each from the option's own annotations (text in backticks is code;
 * the terminal shows it without them). The default is the option's {@code defaultValue} as code, or
 * {@link Default} where no literal value says it.
 */
public final class OptionsTable {

    /** The default column of an option whose default is not a literal value, e.g. "the template's". */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Default {
        String value();
    }

    /** One row, as README.md writes it (code in backticks, pipes unescaped). */
    public record Row(String option, String defaultValue, String description) {

        /** The row as a README.md table line. */
        public String markdown() {
            return "|" + cell(option) + "|" + cell(defaultValue) + "|" + cell(description) + "|";
        }

        /** The row as the terminal shows it: backticks dropped. */
        public Row plain() {
            return new Row(plain(option), plain(defaultValue), plain(description));
        }

        private static String cell(String text) {
            return text.isEmpty() ? " " : " " + text.replace("|", "\\|") + " ";
        }

        private static String plain(String text) {
            return text.replace("`", "");
        }
    }

    /** The header of the table: README.md's {@code | option | default | description |}, and --help's first line. */
    public static final List<String> HEADER = List.of("option", "default", "description");

    private OptionsTable() {}

    /** The command's options, without --help and --version (they are the same for every command). */
    public static List<Row> rows(CommandSpec spec) {
        return spec.options().stream()
                .filter(option -> !option.usageHelp() && !option.versionHelp())
                .sorted(Comparator.comparingInt(option -> option.order() < 0 ? Integer.MAX_VALUE : option.order()))
                .map(OptionsTable::row)
                .toList();
    }

    private static Row row(OptionSpec option) {
        String[] names = option.names().clone();
        Arrays.sort(names, Comparator.comparingInt(String::length).reversed()); // the long name first
        StringBuilder label = new StringBuilder("`").append(names[0]);
        if (option.arity().max() > 0) {
            label.append(' ').append(option.paramLabel());
        }
        label.append('`');
        for (int i = 1; i < names.length; i++) {
            label.append(", `").append(names[i]).append('`');
        }
        Default prose = option.userObject() instanceof AnnotatedElement field ? field.getAnnotation(Default.class) : null;
        String defaultValue = prose != null ? prose.value() : option.required() ? "required"
                : option.defaultValue() != null ? "`" + option.defaultValue() + "`" : "";
        return new Row(label.toString(), defaultValue, String.join(" ", option.description()));
    }

    /**
     * The table as --help prints it, about {@code width} characters wide: three columns, each cell wrapped at spaces
     * (never inside a word, so joining a cell's lines with spaces gives its text back), every column at least as wide
     * as its longest word; then --help and --version.
     */
    public static String render(CommandSpec spec, int width) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Row row : rows(spec)) {
            Row plain = row.plain();
            rows.add(List.of(plain.option(), plain.defaultValue(), plain.description()));
        }
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                rows.add(List.of(String.join(", ", option.names()), "",
                        option.usageHelp() ? "print this help and exit" : "print the version and exit"));
            }
        }
        int optionWidth = widest(rows, 0, Integer.MAX_VALUE);
        int defaultWidth = widest(rows, 1, 18);
        int descriptionWidth = Math.max(widest(rows, 2, 30), width - INDENT - optionWidth - defaultWidth - 2 * GAP);
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            List<String> option = wrap(row.get(0), optionWidth);
            List<String> defaults = wrap(row.get(1), defaultWidth);
            List<String> description = wrap(row.get(2), descriptionWidth);
            for (int i = 0; i < Math.max(option.size(), Math.max(defaults.size(), description.size())); i++) {
                String line = " ".repeat(INDENT) + pad(line(option, i), optionWidth + GAP)
                        + pad(line(defaults, i), defaultWidth + GAP) + line(description, i);
                out.append(line.stripTrailing()).append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    private static final int INDENT = 2;
    private static final int GAP = 2;

    /** The column's width: its longest cell up to {@code cap}, and never less than its longest word. */
    private static int widest(List<List<String>> rows, int column, int cap) {
        int longestCell = rows.stream().mapToInt(row -> row.get(column).length()).max().orElse(0);
        int longestWord = rows.stream().flatMap(row -> Arrays.stream(row.get(column).split(" ")))
                .mapToInt(String::length).max().orElse(0);
        return Math.max(Math.min(longestCell, cap), longestWord);
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String line(List<String> lines, int i) {
        return i < lines.size() ? lines.get(i) : "";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
