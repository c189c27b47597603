package com.example.wsapi.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.common.routes.ApiUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One route touches many places (template.yaml's route, integration, permission, function, role, log group and the
 * stage's DependsOn; the Makefile's FUNCTIONS; the parent pom's modules; ApiUsage, $default's list; events/; README's
 * API table). A route added in one of them and forgotten in another fails here, with a line naming the file and what
 * to add. Roles and their exact actions are TemplateIamIT's. The cases below break a copy of the project in one place
 * each, so the check itself is proven to notice.
 */
class ProjectConsistencyTest {

    private static Path root() {
        return Path.of(System.getProperty("project.root"));
    }

    private static List<String> problems(Path root, List<String> usageActions) throws TemplateException {
        ProjectPlaces places = new ProjectPlaces(root, usageActions);
        List<String> problems = new ArrayList<>();
        problems.addAll(places.routeProblems());
        problems.addAll(places.functionProblems());
        problems.addAll(places.makefileProblems());
        problems.addAll(places.moduleProblems());
        problems.addAll(places.usageProblems());
        problems.addAll(places.eventProblems());
        problems.addAll(places.readmeProblems());
        return problems;
    }

    @Test
    void everyRouteAndFunction_isInEveryPlaceItMustBe() throws TemplateException {
        ProjectPlaces places = new ProjectPlaces(root(), ApiUsage.actions());
        assertTrue(places.routes().size() >= 7 && places.functions().size() >= 7,
                "the template was read: " + places.routes());

        List<String> problems = problems(root(), ApiUsage.actions());

        assertTrue(problems.isEmpty(), "a route or function is missing somewhere:\n  " + String.join("\n  ", problems));
    }

    @Test
    void makefileFunctions_readsTheFunctionsListOnly() {
        String makefile = "FUNCTIONS := \\\n\tAFunction=ws-a \\\n\tBFunction=ws-b\n\nOTHER := x=y\n"
                + "build-CFunction: MODULE := ws-c\n";

        assertEquals(Map.of("AFunction", "ws-a", "BFunction", "ws-b"), ProjectPlaces.makefileFunctions(makefile));
    }

    /** A copy of the files the check reads: template, Makefile, poms, handler sources, events, README. */
    private static Path copyOfTheProject(Path into) throws IOException {
        for (String file : List.of("template.yaml", "Makefile", "pom.xml", "README.md")) {
            Files.copy(root().resolve(file), into.resolve(file));
        }
        try (Stream<Path> files = Files.walk(root(), 1)) {
            for (Path path : files.filter(p -> p.getFileName().toString().matches("ws-.*|events")).toList()) {
                copyTree(path, into.resolve(path.getFileName().toString()));
            }
        }
        return into;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = from.relativize(file).toString();
                if (relative.equals("pom.xml") || relative.startsWith("src/main/java/") || from.endsWith("events")) {
                    Files.createDirectories(to.resolve(relative).getParent());
                    Files.copy(file, to.resolve(relative));
                }
            }
        }
    }

    private static void edit(Path project, String file, Function<String, String> change) throws IOException {
        String before = Files.readString(project.resolve(file));
        String after = change.apply(before);
        assertTrue(!after.equals(before), "the test's edit of " + file + " changed nothing: update the test");
        Files.writeString(project.resolve(file), after);
    }

    private static String without(String text, String part) {
        assertTrue(text.contains(part), "the test expected to find: " + part);
        return text.replace(part, "");
    }

    interface Breakage {
        void apply(Path project) throws IOException;
    }

    static Stream<Arguments> forgottenPlaces() {
        return Stream.of(
                Arguments.of("the Makefile entry", (Breakage) p -> edit(p, "Makefile",
                        m -> without(m, "\tLeaveRoomFunction=ws-leaveroom \\\n")),
                        "Makefile: FUNCTIONS has no LeaveRoomFunction=ws-leaveroom"),
                Arguments.of("the parent pom's module", (Breakage) p -> edit(p, "pom.xml",
                        m -> without(m, "<module>ws-leaveroom</module>")),
                        "pom.xml: <modules> lacks <module>ws-leaveroom</module>"),
                Arguments.of("the sample event", (Breakage) p -> Files.delete(p.resolve("events/leaveroom.json")),
                        "events/leaveroom.json: missing"),
                Arguments.of("the stage's DependsOn", (Breakage) p -> edit(p, "template.yaml",
                        t -> without(t, "      - LeaveRoomRoute\n")),
                        "template.yaml: LeaveRoomRoute is missing from the DependsOn of [WebSocketStage]"),
                Arguments.of("the invoke permission", (Breakage) p -> edit(p, "template.yaml",
                        t -> without(t, "      FunctionName: !Ref LeaveRoomFunction.Alias\n")),
                        "no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke LeaveRoomFunction"),
                Arguments.of("the README row", (Breakage) p -> edit(p, "README.md",
                        t -> t.replace("`{\"action\":\"leaveroom\"", "`{\"action\":\"leave\"")),
                        "README.md: the API table has no row for `{\"action\":\"leaveroom\""),
                Arguments.of("the route (the function stays)", (Breakage) p -> edit(p, "template.yaml",
                        t -> t.replace("RouteKey: leaveroom", "RouteKey: leave-room")),
                        "ws-common ApiUsage: no example for 'leave-room'"),
                Arguments.of("the handler's module folder", (Breakage) p -> edit(p, "template.yaml",
                        t -> t.replace("CodeUri: ws-leaveroom", "CodeUri: ws-leave")),
                        "Makefile: FUNCTIONS has LeaveRoomFunction=ws-leaveroom, but template.yaml's CodeUri is ws-leave"),
                Arguments.of("a function with neither route nor authorizer", (Breakage) p -> edit(p, "template.yaml",
                        t -> t.replace("${LeaveRoomFunction.Alias}/invocations", "${JoinRoomFunction.Alias}/invocations")),
                        "template.yaml: LeaveRoomFunction is behind no route and no authorizer"));
    }

    @ParameterizedTest(name = "forgetting {0}")
    @MethodSource("forgottenPlaces")
    void aRouteForgottenInOnePlace_failsNamingThatPlace(String what, Breakage breakage, String expected,
                                                      @TempDir Path temp) throws Exception {
        Path project = copyOfTheProject(temp);
        assertEquals(List.of(), problems(project, ApiUsage.actions()), "the copy itself is consistent");

        breakage.apply(project);

        List<String> problems = problems(project, ApiUsage.actions());
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing \"" + expected + "\", got:\n  " + String.join("\n  ", problems));
    }

    @Test
    void anActionMissingFromTheUsageList_failsNamingApiUsage(@TempDir Path temp) throws Exception {
        List<String> withoutLeaveRoom = ApiUsage.actions().stream().filter(a -> !a.equals("leaveroom")).toList();

        List<String> problems = problems(copyOfTheProject(temp), withoutLeaveRoom);

        assertEquals(List.of("ws-common ApiUsage: no example for 'leaveroom', so $default's error replies do not list "
                + "it"), problems);
    }

    /** The authorizer's function is referenced by an Authorizer, not a route: it needs its places all the same. */
    @Test
    void anAuthorizerFunction_needsNoRoute_butItsMakefileEntryModuleAndPermission(@TempDir Path temp) throws Exception {
        Path project = copyOfTheProject(temp);
        assertEquals(List.of(), problems(project, ApiUsage.actions()), "the copy itself is consistent");
        edit(project, "template.yaml", t -> t.substring(0, t.indexOf("  AuthorizerPermission:"))
                + t.substring(t.indexOf("\n\n", t.indexOf("  AuthorizerPermission:")) + 2));
        edit(project, "Makefile", m -> without(m, " \\\n\tAuthorizerFunction=ws-authorizer"));
        edit(project, "pom.xml", pom -> without(pom, "<module>ws-authorizer</module>"));

        List<String> problems = problems(project, ApiUsage.actions());

        assertEquals(List.of(
                "template.yaml: no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke the authorizer function "
                        + "AuthorizerFunction",
                "Makefile: FUNCTIONS has no AuthorizerFunction=ws-authorizer (sam build runs make "
                        + "build-AuthorizerFunction)",
                "pom.xml: <modules> lacks <module>ws-authorizer</module> (CodeUri of AuthorizerFunction), before "
                        + "ws-local"), problems);
    }
}
