package com.example.wsapi.local.vtl;

import org.apache.velocity.exception.ExtendedParseException;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.ParseErrorException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Velocity's failures as messages a template's author can act on: the template's name, the line and column, what went
 * wrong; one or two lines, never a stack trace.
 */
final class TemplateErrors {

    /** The name Velocity knows every template by (templates are shared by text); messages use the caller's name. */
    static final String INTERNAL_NAME = "mapping template";

    private static final Pattern PLACE = Pattern.compile("\\[line (\\d+), column (\\d+)]");
    private static final Pattern INTERNAL_PLACE =
            Pattern.compile("(?: at )?" + Pattern.quote(INTERNAL_NAME) + "(?:\\[line \\d+, column \\d+]|: )");
    private static final String END_OF_TEMPLATE = "\"\\u001c\"";
    private static final int MAX_EXPECTED = 10;

    private TemplateErrors() {}

    /** The template does not parse, or uses what mapping templates may not ({@code #parse}, {@code #include}). */
    static MappingTemplateException parseFailure(String name, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String[] lines = message.split("\n");
        String what = clean(lines[0]).replace(END_OF_TEMPLATE, "the end of the template");
        List<String> expected = expectedTokens(lines);
        if (what.startsWith("Encountered \"<EOF>\"")) {
            what = "not valid VTL: the template ends inside a block "
                    + "(an #if, #foreach, #macro or #define without #end?)";
        } else if (!expected.isEmpty()) {
            what = "not valid VTL: " + what.substring(0, 1).toLowerCase() + what.substring(1)
                    + "; expected " + String.join(", ", expected);
        }
        return new MappingTemplateException(name + place(e, message) + what, e);
    }

    /** The template failed while rendering: a function threw, a macro nested too deeply, ... */
    static MappingTemplateException renderFailure(String name, RuntimeException e) {
        if (e instanceof ParseErrorException evaluated) {
            // Only #evaluate parses while rendering: the place is the #evaluate's, the error is in its string.
            MappingTemplateException failure = parseFailure(name, evaluated);
            return new MappingTemplateException(failure.getMessage().replaceFirst(
                    "(: line \\d+, column \\d+: )", "$1the string #evaluate got is "), e);
        }
        if (e instanceof MethodInvocationException invocation) {
            Throwable cause = invocation.getCause() == null ? invocation : invocation.getCause();
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new MappingTemplateException(name + place(invocation, invocation.getMessage())
                    + invocation.getMethodName() + "(...) failed: " + why, e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // A macro's overflow message goes on with its whole call stack: the first words say it.
        String what = clean(message.split("\n")[0].replaceAll(" with Call Stack:.*", ""));
        return new MappingTemplateException(name + place(e, message) + what, e);
    }

    /** Nesting no limit of Velocity's catches, e.g. thousands of #if inside each other: the stack ran out. */
    static MappingTemplateException tooDeep(String name, StackOverflowError e) {
        return new MappingTemplateException(name + ": the template nests too deeply (thousands of levels?)", e);
    }

    /** ": line 3, column 14: " from the exception or its message; ": " when neither tells. */
    private static String place(Exception e, String message) {
        if (e instanceof ExtendedParseException located && located.getLineNumber() > 0) {
            return ": line " + located.getLineNumber() + ", column " + located.getColumnNumber() + ": ";
        }
        if (e instanceof ParseErrorException located && located.getLineNumber() > 0) {
            return ": line " + located.getLineNumber() + ", column " + located.getColumnNumber() + ": ";
        }
        Matcher place = PLACE.matcher(message);
        return place.find() ? ": line " + place.group(1) + ", column " + place.group(2) + ": " : ": ";
    }

    /** A Velocity message without the internal template name and place (the caller's name and place lead). */
    private static String clean(String message) {
        return INTERNAL_PLACE.matcher(message).replaceAll("").trim();
    }

    /** The parser's "Was expecting one of:" list on one line, whitespace tokens left out, at most ten. */
    private static List<String> expectedTokens(String[] lines) {
        List<String> expected = new ArrayList<>();
        boolean listing = false;
        for (String line : lines) {
            String token = line.trim();
            if (token.startsWith("Was expecting")) {
                listing = true;
            } else if (listing && !token.isEmpty()) {
                token = token.replaceAll("\\s*\\.\\.\\.$", "");
                if (!token.equals("<WHITESPACE>") && !token.equals("<NEWLINE>") && !expected.contains(token)) {
                    expected.add(token);
                }
            }
        }
        if (expected.size() > MAX_EXPECTED) {
            expected = new ArrayList<>(expected.subList(0, MAX_EXPECTED));
            expected.add("...");
        }
        return expected;
    }
}
