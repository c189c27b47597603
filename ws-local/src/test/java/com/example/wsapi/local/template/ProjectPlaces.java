package com.example.wsapi.local.template;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The places one route or function touches, read from a project folder, and what is missing in which of them:
 * template.yaml (route, integration, function, permission, log group, the stage's DependsOn; authorizers), the
 * Makefile's FUNCTIONS list, the parent pom's modules and each function module's pom, the {@code $default} usage list
 * (ApiUsage, handed in), events/&lt;route&gt;.json and README's API table. Each problem is one line naming the file
 * and what to add there.
 */
final class ProjectPlaces {

    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z0-9.]+)?}");
    private static final Pattern MAKEFILE_PAIR = Pattern.compile("([A-Za-z0-9]+)=(\\S+)");

    /** A function of the template. */
    record Function(String logicalId, String codeUri, String handler, boolean builtByMakefile, String logGroup) {}

    /** A route of the template; {@code function} is null when its integration is not a Lambda function. */
    record Route(String logicalId, String routeKey, String integration, String function) {}

    private final Path root;
    private final List<String> usageActions;
    private final Map<String, Object> resources;
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    /** Functions referred to by an AWS::ApiGatewayV2::Authorizer. */
    private final Set<String> authorizerFunctions = new LinkedHashSet<>();
    private final List<String> templateProblems = new ArrayList<>();

    /**
     * @param root         the project folder
     * @param usageActions the actions {@code $default}'s error replies list (ApiUsage.actions())
     */
    ProjectPlaces(Path root, List<String> usageActions) throws TemplateException {
        this.root = root;
        this.usageActions = usageActions;
        this.resources = map(TemplateYaml.read(root.resolve("template.yaml")).get("Resources"));
        // Functions first: routes and authorizers are matched against them.
        for (String id : ofType("AWS::Serverless::Function")) {
            Map<String, Object> properties = properties(id);
            Object logging = properties.get("LoggingConfig");
            functions.put(id, new Function(id, String.valueOf(properties.get("CodeUri")),
                    String.valueOf(properties.get("Handler")),
                    "makefile".equals(map(map(resources.get(id)).get("Metadata")).get("BuildMethod")),
                    logging == null ? null : firstReference(map(logging).get("LogGroup"))));
        }
        ofType("AWS::ApiGatewayV2::Route").forEach(id -> readRoute(id, properties(id)));
        ofType("AWS::ApiGatewayV2::Authorizer").forEach(id -> authorizerFunctions.addAll(
                referencesIn(properties(id).get("AuthorizerUri"))));
        authorizerFunctions.retainAll(functions.keySet());
    }

    private void readRoute(String id, Map<String, Object> properties) {
        String routeKey = String.valueOf(properties.get("RouteKey"));
        String integration = firstReference(properties.get("Target"));
        if (integration == null || !resources.containsKey(integration)
                || !type(integration).equals("AWS::ApiGatewayV2::Integration")) {
            templateProblems.add("template.yaml: route '" + routeKey + "' (" + id + ") has no Target "
                    + "integrations/${<Integration>} naming an AWS::ApiGatewayV2::Integration of the template");
            routes.add(new Route(id, routeKey, null, null));
            return;
        }
        String function = referencesIn(properties(integration).get("IntegrationUri")).stream()
                .filter(functions::containsKey).findFirst().orElse(null);
        routes.add(new Route(id, routeKey, integration, function));
    }

    List<Route> routes() {
        return routes;
    }

    Map<String, Function> functions() {
        return functions;
    }

    // ---------------------------------------------------------------- template.yaml

    /** Each route: its integration, function, invoke permission, and a place in the stage's DependsOn. */
    List<String> routeProblems() {
        List<String> problems = new ArrayList<>(templateProblems);
        Set<String> deployedAfter = deploymentDependencies();
        for (Route route : routes) {
            String name = "route '" + route.routeKey() + "' (" + route.logicalId() + ")";
            if (!deployedAfter.contains(route.logicalId())) {
                problems.add("template.yaml: " + route.logicalId() + " is missing from the DependsOn of "
                        + deployingResources() + " (the first deployment would lack " + name + ")");
            }
            if (route.integration() != null && route.function() == null
                    && "AWS_PROXY".equals(properties(route.integration()).get("IntegrationType"))) {
                problems.add("template.yaml: " + route.integration() + " (the integration of " + name
                        + ") names no AWS::Serverless::Function of the template in its IntegrationUri");
            }
            if (route.function() != null && !hasPermission(route.function(), route.routeKey())) {
                problems.add("template.yaml: no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke "
                        + route.function() + " for " + name + " (FunctionName !Ref " + route.function()
                        + ".Alias, SourceArn ending /${StageName}/" + route.routeKey() + ")");
            }
        }
        for (String function : authorizerFunctions) {
            if (!hasPermission(function, null)) {
                problems.add("template.yaml: no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke the "
                        + "authorizer function " + function);
            }
        }
        return problems;
    }

    /** Each function: used by a route or an authorizer, built by the Makefile, logging to a log group of its own. */
    List<String> functionProblems() {
        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>(authorizerFunctions);
        routes.stream().map(Route::function).filter(f -> f != null).forEach(used::add);
        for (Function function : functions.values()) {
            String id = function.logicalId();
            if (!used.contains(id)) {
                problems.add("template.yaml: " + id + " is behind no route and no authorizer: add its "
                        + "AWS::ApiGatewayV2::Route and Integration (or remove the function)");
            }
            if (!function.builtByMakefile()) {
                problems.add("template.yaml: " + id + " needs Metadata BuildMethod: makefile (SAM's Maven builder "
                        + "cannot build one module of this multi-module project)");
            }
            if (function.logGroup() == null || !resources.containsKey(function.logGroup())
                    || !type(function.logGroup()).equals("AWS::Logs::LogGroup")) {
                problems.add("template.yaml: " + id + "'s LoggingConfig.LogGroup must !Ref an AWS::Logs::LogGroup of "
                        + "its own (e.g. " + id + "LogGroup)");
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- Makefile, pom.xml, modules

    /** Every function has its Makefile entry naming its CodeUri, and the Makefile names no other function. */
    List<String> makefileProblems() {
        Map<String, String> targets = makefileFunctions(read("Makefile"));
        List<String> problems = new ArrayList<>();
        for (Function function : functions.values()) {
            String module = targets.get(function.logicalId());
            String entry = function.logicalId() + "=" + function.codeUri();
            if (module == null) {
                problems.add("Makefile: FUNCTIONS has no " + entry + " (sam build runs make build-"
                        + function.logicalId() + ")");
            } else if (!module.equals(function.codeUri())) {
                problems.add("Makefile: FUNCTIONS has " + function.logicalId() + "=" + module + ", but template.yaml's"
                        + " CodeUri is " + function.codeUri() + ": make it " + entry);
            }
        }
        targets.keySet().stream().filter(id -> !functions.containsKey(id)).forEach(id -> problems.add(
                "Makefile: FUNCTIONS lists " + id + ", which template.yaml does not have"));
        return problems;
    }

    /**
     * Every function's CodeUri is a module of the parent pom that lays out and shrinks a Lambda artifact and holds the
     * handler class; every module that does so is some function's CodeUri.
     */
    List<String> moduleProblems() {
        List<String> modules = elementTexts(xml(root.resolve("pom.xml")), "module");
        List<String> problems = new ArrayList<>();
        Set<String> codeUris = new TreeSet<>();
        for (Function function : functions.values()) {
            String module = function.codeUri();
            codeUris.add(module);
            if (!modules.contains(module)) {
                problems.add("pom.xml: <modules> lacks <module>" + module + "</module> (CodeUri of "
                        + function.logicalId() + "), before ws-local");
                continue;
            }
            if (!bindsLambdaShrink(module)) {
                problems.add(module + "/pom.xml: bind the lambda-layout and lambda-shrink executions to package (the "
                        + "artifact of " + function.logicalId() + " is " + module + "/target/lambda)");
            }
            String handlerClass = function.handler().split("::", 2)[0];
            Path source = root.resolve(module).resolve("src/main/java")
                    .resolve(handlerClass.replace('.', '/') + ".java");
            if (!Files.isRegularFile(source)) {
                problems.add("template.yaml: " + function.logicalId() + "'s Handler " + function.handler()
                        + " has no source " + root.relativize(source));
            }
        }
        for (String module : modules) {
            if (!codeUris.contains(module) && bindsLambdaShrink(module)) {
                problems.add("pom.xml: module " + module + " builds a Lambda artifact, but no function of "
                        + "template.yaml has CodeUri " + module);
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- $default's usage list, events, README

    /** The usage list names exactly the routes a client can send (every route key not starting with $). */
    List<String> usageProblems() {
        Set<String> actions = clientActions();
        List<String> problems = new ArrayList<>();
        actions.stream().filter(a -> !usageActions.contains(a)).forEach(a -> problems.add(
                "ws-common ApiUsage: no example for '" + a + "', so $default's error replies do not list it"));
        usageActions.stream().filter(a -> !actions.contains(a)).forEach(a -> problems.add(
                "ws-common ApiUsage: lists '" + a + "', which no route of template.yaml has"));
        return problems;
    }

    /** Every Lambda-backed route has events/&lt;key without $&gt;.json with its routeKey; every event names a route. */
    List<String> eventProblems() {
        List<String> problems = new ArrayList<>();
        Set<String> routeKeys = new TreeSet<>();
        for (Route route : routes) {
            routeKeys.add(route.routeKey());
            if (route.function() == null) {
                continue;
            }
            String file = "events/" + route.routeKey().replace("$", "") + ".json";
            if (!Files.isRegularFile(root.resolve(file))) {
                problems.add(file + ": missing (the sample event of route '" + route.routeKey()
                        + "', in the shape API Gateway sends; handler tests load it)");
            } else if (!route.routeKey().equals(eventRouteKey(file))) {
                problems.add(file + ": requestContext.routeKey is '" + eventRouteKey(file) + "', not '"
                        + route.routeKey() + "'");
            }
        }
        try (Stream<Path> files = Files.list(root.resolve("events"))) {
            files.map(f -> "events/" + f.getFileName())
                    // env.json and its twins are --env-vars files, not events.
                    .filter(f -> f.endsWith(".json") && !f.startsWith("events/env."))
                    .filter(f -> eventRouteKey(f) == null || !routeKeys.contains(eventRouteKey(f)))
                    .sorted()
                    .forEach(f -> problems.add(f + ": its routeKey '" + eventRouteKey(f)
                            + "' is no route of template.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /** README's API table shows every action a client can send. */
    List<String> readmeProblems() {
        String readme = read("README.md");
        int start = readme.indexOf("\n## The API");
        if (start < 0) {
            return List.of("README.md: no '## The API' section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        String table = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> problems = new ArrayList<>();
        for (String action : clientActions()) {
            if (!table.contains("`{\"action\":\"" + action + "\"")) {
                problems.add("README.md: the API table has no row for `{\"action\":\"" + action + "\",...}`");
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- reading

    private Set<String> clientActions() {
        Set<String> actions = new TreeSet<>();
        routes.stream().map(Route::routeKey).filter(key -> !key.startsWith("$")).forEach(actions::add);
        return actions;
    }

    /** The route logical ids the deploying resources (Deployments, else Stages) wait for. */
    private Set<String> deploymentDependencies() {
        Set<String> dependencies = new TreeSet<>();
        for (String id : deployingResources()) {
            Object dependsOn = map(resources.get(id)).get("DependsOn");
            if (dependsOn instanceof String one) {
                dependencies.add(one);
            } else if (dependsOn instanceof List<?> many) {
                many.forEach(d -> dependencies.add(String.valueOf(d)));
            }
        }
        return dependencies;
    }

    private List<String> deployingResources() {
        List<String> deployments = ofType("AWS::ApiGatewayV2::Deployment");
        return deployments.isEmpty() ? ofType("AWS::ApiGatewayV2::Stage") : deployments;
    }

    /** A permission for API Gateway to invoke the function, for the route key (or any, when null or /*). */
    private boolean hasPermission(String function, String routeKey) {
        for (String id : ofType("AWS::Lambda::Permission")) {
            Map<String, Object> properties = properties(id);
            if (!"apigateway.amazonaws.com".equals(properties.get("Principal"))
                    || !referencesIn(properties.get("FunctionName")).contains(function)) {
                continue;
            }
            Object sourceArn = properties.get("SourceArn");
            String arn = sourceArn instanceof Map<?, ?> sub && sub.get("Fn::Sub") != null
                    ? String.valueOf(sub.get("Fn::Sub")) : String.valueOf(sourceArn);
            if (routeKey == null || arn.endsWith("/" + routeKey) || arn.endsWith("/*")) {
                return true;
            }
        }
        return false;
    }

    private String eventRouteKey(String file) {
        try {
            JsonElement context = JsonParser.parseString(read(file)).getAsJsonObject().get("requestContext");
            JsonElement routeKey = context instanceof JsonObject object ? object.get("routeKey") : null;
            return routeKey == null ? null : routeKey.getAsString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The {@code <LogicalId>=<module>} pairs of the Makefile's FUNCTIONS list, the one place its build targets come
     * from (a {@code build-<Id>: MODULE := ...} line alone makes no target, so it does not count).
     */
    static Map<String, String> makefileFunctions(String makefile) {
        Map<String, String> functions = new LinkedHashMap<>();
        String joined = makefile.replace("\\\r\n", " ").replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            if (line.matches("\\s*FUNCTIONS\\s*[:+]?=.*")) {
                Matcher pair = MAKEFILE_PAIR.matcher(line.substring(line.indexOf('=') + 1));
                while (pair.find()) {
                    functions.put(pair.group(1), pair.group(2));
                }
            }
        }
        return functions;
    }

    private boolean bindsLambdaShrink(String module) {
        Path pom = root.resolve(module).resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        NodeList executions = xml(pom).getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element execution = (Element) executions.item(i);
            if (List.of("lambda-shrink").equals(elementTexts(execution, "id"))
                    && List.of("package").equals(elementTexts(execution, "phase"))) {
                return true;
            }
        }
        return false;
    }

    private String read(String file) {
        try {
            return Files.readString(root.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document xml(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> elementTexts(Document document, String tag) {
        return elementTexts(document.getDocumentElement(), tag);
    }

    private static List<String> elementTexts(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    private List<String> ofType(String type) {
        return resources.keySet().stream().filter(id -> type.equals(type(id))).toList();
    }

    private String type(String logicalId) {
        return String.valueOf(map(resources.get(logicalId)).get("Type"));
    }

    private Map<String, Object> properties(String logicalId) {
        Object properties = map(resources.get(logicalId)).get("Properties");
        return properties == null ? Map.of() : map(properties);
    }

    private static String firstReference(Object node) {
        List<String> ids = referencesIn(node);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Logical ids a value refers to: Ref (Id or Id.Alias), Fn::GetAtt, and ${Id...} in Fn::Sub, in order. */
    static List<String> referencesIn(Object node) {
        List<String> ids = new ArrayList<>();
        if (node instanceof Map<?, ?> mapping) {
            if (mapping.get("Ref") instanceof String ref) {
                ids.add(ref.split("\\.", 2)[0]);
            }
            if (mapping.get("Fn::GetAtt") instanceof List<?> target && !target.isEmpty()) {
                ids.add(String.valueOf(target.get(0)));
            } else if (mapping.get("Fn::GetAtt") instanceof String target) {
                ids.add(target.split("\\.", 2)[0]);
            }
            Object sub = mapping.get("Fn::Sub");
            if (sub != null) {
                Matcher matcher = SUB_REFERENCE.matcher(String.valueOf(sub instanceof List<?> l ? l.get(0) : sub));
                while (matcher.find()) {
                    ids.add(matcher.group(1));
                }
            }
            mapping.forEach((key, value) -> {
                if (!key.equals("Ref") && !key.equals("Fn::GetAtt") && !key.equals("Fn::Sub")) {
                    ids.addAll(referencesIn(value));
                }
            });
        } else if (node instanceof List<?> items) {
            items.forEach(item -> ids.addAll(referencesIn(item)));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }
}
