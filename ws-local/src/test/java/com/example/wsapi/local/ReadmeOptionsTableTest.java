package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README.md's ws-local options tables are what --help prints: every row, every cell, in the same order. A failure
 * names the README line and the row, says how it differs, and gives the line to put there (made from the option's
 * own annotations in Main, which --help prints through {@link OptionsTable}).
 */
class ReadmeOptionsTableTest {

    static final Path README = Path.of(System.getProperty("project.root")).resolve("README.md");

    /** A README table row: the line it is on and its cells as written. */
    record ReadmeRow(int line, String markdown, List<String> cells) {
        String option() {
            return optionName(cells.get(0));
        }
    }

    @Test
    void readmeOptionsTable_isWhatHelpPrints() throws IOException {
        List<List<ReadmeRow>> tables = readmeTables();
        CommandLine main = Main.commandLine();

        assertSameRows("`ws-local --help`", main, tables.get(0), List.of());
    }

    @Test
    void readmeInvokeTable_withTheSharedRowsAbove_isWhatInvokeHelpPrints() throws IOException {
        List<List<ReadmeRow>> tables = readmeTables();
        CommandLine main = Main.commandLine();
        CommandLine invoke = main.getSubcommands().get("invoke");
        Set<String> invokeOptions = OptionsTable.rows(invoke.getCommandSpec()).stream()
                .map(row -> optionName(row.option())).collect(Collectors.toSet());
        List<ReadmeRow> shared = tables.get(0).stream().filter(row -> invokeOptions.contains(row.option())).toList();

        assertSameRows("`ws-local invoke --help`", invoke, tables.get(1), shared);

        // The sentence before the invoke table names the main command's options that invoke lacks.
        Set<String> lacking = OptionsTable.rows(main.getCommandSpec()).stream().map(row -> optionName(row.option()))
                .filter(option -> !invokeOptions.contains(option)).collect(Collectors.toCollection(TreeSet::new));
        String sentence = readme().stream().filter(line -> line.startsWith("`invoke` takes")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md: no line starting \"`invoke` takes\" before the "
                        + "invoke options table"));
        Set<String> named = new TreeSet<>();
        Matcher code = Pattern.compile("`(--[a-z-]+)`").matcher(sentence);
        while (code.find()) {
            named.add(code.group(1));
        }
        assertEquals(lacking, named, "README.md: the sentence \"" + sentence + "\" must name exactly the options "
                + "that `ws-local` has and `invoke` does not");
    }

    /**
     * @param own    the README table of this command's own rows
     * @param shared README rows of another table that this command's --help lists after its own
     */
    private static void assertSameRows(String command, CommandLine commandLine, List<ReadmeRow> own,
                                       List<ReadmeRow> shared) {
        List<OptionsTable.Row> model = OptionsTable.rows(commandLine.getCommandSpec());
        List<List<String>> printed = printedRows(commandLine);
        assertEquals(model.stream().map(row -> row.plain()).map(r -> List.of(r.option(), r.defaultValue(),
                r.description())).toList(), printed, command + " prints other rows than its options give (OptionsTable)");

        List<ReadmeRow> readme = new ArrayList<>(own);
        readme.addAll(shared);
        Map<String, OptionsTable.Row> expected = new LinkedHashMap<>();
        model.forEach(row -> expected.put(optionName(row.option()), row));
        List<String> problems = new ArrayList<>();
        for (ReadmeRow row : readme) {
            OptionsTable.Row wanted = expected.get(row.option());
            if (wanted == null) {
                problems.add("README.md line " + row.line() + ": " + command + " has no option " + row.option()
                        + ": remove the row, or add the option (Main)");
            } else if (!row.markdown().equals(wanted.markdown())) {
                problems.add("README.md line " + row.line() + ", row " + row.option() + ": "
                        + difference(row, wanted) + "; make the line:\n    " + wanted.markdown());
            }
        }
        Map<String, ReadmeRow> inReadme = new LinkedHashMap<>();
        readme.forEach(row -> inReadme.put(row.option(), row));
        String previous = null;
        for (OptionsTable.Row row : model) {
            String option = optionName(row.option());
            if (!inReadme.containsKey(option)) {
                String where = previous == null ? "as the first row of its table"
                        : "after the row of " + previous + " (line " + inReadme.get(previous).line() + ")";
                problems.add("README.md: no row for " + option + ", which " + command + " prints; add this line "
                        + where + ":\n    " + row.markdown());
            } else {
                previous = option;
            }
        }
        List<String> readmeOrder = readme.stream().map(ReadmeRow::option).filter(expected::containsKey).toList();
        List<String> helpOrder = expected.keySet().stream().filter(inReadme::containsKey).toList();
        if (problems.isEmpty() && !readmeOrder.equals(helpOrder)) {
            problems.add("README.md: the rows are in another order than " + command + " prints them: "
                    + helpOrder + " (the options' `order` in Main)");
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    private static String difference(ReadmeRow row, OptionsTable.Row wanted) {
        List<String> names = List.of("the option column", "the default column", "the description column");
        List<String> wantedCells = List.of(wanted.option(), wanted.defaultValue(), wanted.description());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String cell = i < row.cells().size() ? row.cells().get(i).replace("\\|", "|") : "";
            if (!cell.equals(wantedCells.get(i))) {
                differences.add(names.get(i) + " says \"" + cell + "\" where --help says \"" + wantedCells.get(i)
                        + "\"");
            }
        }
        return differences.isEmpty() ? "the line is written differently (spacing, or pipes not escaped as \\|)"
                : String.join("; ", differences);
    }

    /** The rows --help prints: cells cut at the header's column starts, wrapped lines joined with a space. */
    static List<List<String>> printedRows(CommandLine commandLine) {
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setUsageHelpWidth(120);
        commandLine.usage(new PrintWriter(out));
        List<String> lines = out.toString().lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size() && header < 0; i++) {
            if (lines.get(i).matches(" +option +default +description")) {
                header = i;
            }
        }
        if (header < 0) {
            fail("--help prints no options table (no line \"option  default  description\"):\n" + out);
        }
        String head = lines.get(header);
        int[] starts = {head.indexOf("option"), head.indexOf("default"), head.indexOf("description")};
        List<List<StringBuilder>> rows = new ArrayList<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            if (line.isBlank() || !line.startsWith(" ".repeat(starts[0]))) {
                break;
            }
            String[] cells = {slice(line, starts[0], starts[1]), slice(line, starts[1], starts[2]),
                    slice(line, starts[2], line.length())};
            if (!cells[0].isEmpty() || rows.isEmpty()) {
                rows.add(List.of(new StringBuilder(), new StringBuilder(), new StringBuilder()));
            }
            for (int c = 0; c < 3; c++) {
                StringBuilder cell = rows.get(rows.size() - 1).get(c);
                if (!cells[c].isEmpty()) {
                    cell.append(cell.length() > 0 ? " " : "").append(cells[c]);
                }
            }
        }
        return rows.stream().map(row -> row.stream().map(StringBuilder::toString).toList())
                .filter(row -> !row.get(0).startsWith("-h,") && !row.get(0).startsWith("-V,"))
                .toList();
    }

    private static String slice(String line, int from, int to) {
        return line.length() <= from ? "" : line.substring(from, Math.min(to, line.length())).trim();
    }

    /** The option's long name, e.g. {@code --event} of {@code `--event <file.json>`, `-e`}. */
    static String optionName(String cell) {
        Matcher name = Pattern.compile("--[a-z][a-z-]*").matcher(cell);
        return name.find() ? name.group() : cell;
    }

    static List<String> readme() throws IOException {
        return Files.readAllLines(README);
    }

    /** The tables with the header {@code | option | default | description |} in README.md, in order. */
    static List<List<ReadmeRow>> readmeTables() throws IOException {
        List<String> lines = readme();
        List<List<ReadmeRow>> tables = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).replace(" ", "").equals("|option|default|description|")) {
                continue;
            }
            List<ReadmeRow> rows = new ArrayList<>();
            for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                rows.add(new ReadmeRow(j + 1, lines.get(j), cells(lines.get(j))));
            }
            tables.add(rows);
        }
        if (tables.size() != 2) {
            fail("README.md must have two tables headed | option | default | description | (ws-local's options, "
                    + "then invoke's own), found " + tables.size());
        }
        return tables;
    }

    /** A markdown row's cells, split at pipes that are not escaped, escapes kept. */
    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") && !inner.endsWith("\\|") ? inner.length() - 1 : inner.length());
        return List.of(inner.split("(?<!\\\\)\\|", -1)).stream().map(String::strip).toList();
    }
}
