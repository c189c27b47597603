package com.example.wsapi.local.vtl;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.slf4j.helpers.NOPLogger;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway's mapping templates: Velocity (VTL) with {@code $input}, {@code $util}, {@code $context} and
 * {@code $stageVariables} as API Gateway defines them. One instance serves every template; thread-safe.
 *
 * <p>One Velocity engine per instance, set up the way a service's must be: templates reach no Java class beyond the
 * values they work with ({@link LockedDownUberspector}), read no files ({@link NoTemplateFiles}), loop at most 1,000
 * times per {@code #foreach} (API Gateway's quota), nest macros at most 20 and {@code #evaluate} at most 10 deep
 * ({@link BoundedEvaluate}). Each template text is parsed once.
 */
public final class MappingTemplates {

    /**
     * API Gateway's quota: "Number of iterations in a #foreach ... #end loop in mapping templates: 1000". Unconfirmed
     * what happens past it: Velocity's own limit ends the loop there.
     */
    private static final int MAX_FOREACH_ITERATIONS = 1000;

    private static final int MAX_MACRO_DEPTH = 20;

    private RuntimeInstance engine;
    private final Map<String, Template> parsedByText = new ConcurrentHashMap<>();
    private final UtilVariable util = new UtilVariable();

    /**
     * The engine, set up when the first template is read: an API without mapping templates never starts one. Only a
     * template text not yet parsed asks for it, so the lock is rare.
     */
    private synchronized RuntimeInstance engine() {
        if (engine == null) {
            RuntimeInstance velocity = new RuntimeInstance();
            velocity.setProperties(settings());
            // Velocity logs at ERROR what a template's author hears as a MappingTemplateException, and much that is
            // harmless per message (a null compared, a call not allowed): ws-local's console stays quiet.
            velocity.setProperty("runtime.log.instance", NOPLogger.NOP_LOGGER);
            velocity.init();
            engine = velocity;
        }
        return engine;
    }

    /** Whether the engine has been set up (it takes about 0.1 s of a start). */
    synchronized boolean engineStarted() {
        return engine != null;
    }

    private static Properties settings() {
        Properties settings = new Properties();
        // No resource loader: nothing is read from disk, not even a macro library; #parse and #include are rejected
        // when the template is read (unconfirmed what API Gateway does with them).
        settings.setProperty("resource.loaders", "none");
        settings.setProperty("resource.loader.none.class", NoResources.class.getName());
        settings.setProperty("runtime.custom_directives",
                NoTemplateFiles.NoParse.class.getName() + "," + NoTemplateFiles.NoInclude.class.getName() + ","
                        + BoundedEvaluate.class.getName() + "," + Velocity17Foreach.class.getName());
        settings.setProperty("introspector.uberspect.class", LockedDownUberspector.class.getName());
        settings.setProperty("event_handler.invalid_references.class", MissingRendersEmpty.class.getName());
        settings.setProperty("event_handler.invalid_references.quiet", "true");
        settings.setProperty("event_handler.invalid_references.null", "true");
        settings.setProperty("event_handler.invalid_references.tested", "false");
        settings.setProperty("runtime.log.log_invalid_references", "false");
        settings.setProperty("directive.foreach.max_loops", String.valueOf(MAX_FOREACH_ITERATIONS));
        settings.setProperty("velocimacro.max_depth", String.valueOf(MAX_MACRO_DEPTH));
        // A macro defined in one template is not seen by another.
        settings.setProperty("velocimacro.inline.local_scope", "true");
        // Unconfirmed: API Gateway's VTL is taken to be Velocity 1.7's: "" is true in #if, 1.7's whitespace and
        // macro arguments, $velocityCount (Velocity17Foreach).
        settings.setProperty("directive.if.empty_check", "false");
        settings.setProperty("parser.space_gobbling", "bc");
        settings.setProperty("velocimacro.enable_bc_mode", "true");
        return settings;
    }

    /**
     * Checks that a template parses, when the template file is read, so a broken one is reported before any request.
     *
     * @param name where the template is, e.g. {@code Resources.EchoIntegration.Properties.RequestTemplates.$default}
     */
    public void check(String name, String template) throws MappingTemplateException {
        parsed(name, template);
    }

    /**
     * Renders a template.
     *
     * @param name where the template is (for messages)
     * @throws MappingTemplateException naming the template and the place when it does not parse or fails to render
     */
    public String render(String name, String template, MappingInput input) throws MappingTemplateException {
        Objects.requireNonNull(input, "input");
        Template parsed = parsed(name, template);
        VelocityContext variables = new VelocityContext();
        variables.put("input", new InputVariable(input.body(), input.headers(), input.queryString()));
        variables.put("context", ContextVariable.of(input.context()));
        variables.put("stageVariables",
                input.stageVariables() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(input.stageVariables()));
        variables.put("util", util);
        StringWriter output = new StringWriter();
        try {
            parsed.merge(variables, output);
        } catch (RuntimeException e) {
            throw TemplateErrors.renderFailure(name, e);
        } catch (StackOverflowError e) {
            throw TemplateErrors.tooDeep(name, e);
        }
        return output.toString();
    }

    /** How many distinct template texts have been parsed (and kept). */
    int parsedTemplates() {
        return parsedByText.size();
    }

    private Template parsed(String name, String text) throws MappingTemplateException {
        if (text == null) {
            throw new MappingTemplateException(name + ": the mapping template is missing (null)", null);
        }
        Template cached = parsedByText.get(text);
        if (cached != null) {
            return cached;
        }
        RuntimeInstance velocity = engine();
        Template template = new Template();
        template.setName(TemplateErrors.INTERNAL_NAME);
        template.setRuntimeServices(velocity);
        try {
            template.setData(velocity.parse(new StringReader(text), template));
            template.initDocument();
        } catch (ParseException | VelocityException e) {
            throw TemplateErrors.parseFailure(name, e);
        } catch (StackOverflowError e) {
            throw TemplateErrors.tooDeep(name, e);
        }
        Template raced = parsedByText.putIfAbsent(text, template);
        return raced == null ? template : raced;
    }
}
