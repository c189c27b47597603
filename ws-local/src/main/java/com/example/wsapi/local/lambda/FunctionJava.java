package com.example.wsapi.local.lambda;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@code java} runs a template's functions. Lambda runs a function on the Java its {@code Runtime} names
 * ({@code java25}: Java 25). ws-local runs them on the {@code java} it is given (the one running ws-local unless
 * {@code --java} says otherwise); when that one is older than the newest runtime in the template, classes built for
 * that runtime would not load, so, when it may pick, it runs them on an installed Java of the runtime's version.
 *
 * @param executable the {@code java} that runs the functions
 * @param home       that Java's installation, when its release file says which
 * @param runtime    the template's newest Java runtime (e.g. {@code java25}), or null when it names none
 * @param picked     whether ws-local found this Java for the runtime (rather than being given it)
 * @param searched   whether ws-local looked for one (the given Java was older, and no {@code --java} was given)
 */
public record FunctionJava(Path executable, Optional<JavaHome> home, String runtime, boolean picked,
                           boolean searched) {

    private static final Pattern JAVA_RUNTIME = Pattern.compile("java(\\d+)(\\..+)?");

    /**
     * @param runtimes  the functions' {@code Runtime} values
     * @param given     the {@code java} to use unless it is too old
     * @param installed where to look for a Java of the runtime's version when {@code given} is older; null to keep
     *                  {@code given} whatever its version ({@code --java} was given)
     */
    public static FunctionJava choose(Collection<String> runtimes, Path given, JavaInstallations installed) {
        Optional<String> newest = runtimes.stream().filter(r -> feature(r).isPresent())
                .max(Comparator.comparingInt(r -> feature(r).orElseThrow()));
        Optional<JavaHome> givenHome = JavaHome.ofExecutable(given);
        if (newest.isEmpty() || givenHome.isEmpty() || installed == null
                || givenHome.get().feature() >= feature(newest.get()).orElseThrow()) {
            return new FunctionJava(given, givenHome, newest.orElse(null), false, false);
        }
        return installed.forFeature(feature(newest.get()).orElseThrow())
                .map(home -> new FunctionJava(home.executable(), Optional.of(home), newest.get(), true, true))
                .orElseGet(() -> new FunctionJava(given, givenHome, newest.get(), false, true));
    }

    /** The Java feature release a Lambda runtime name stands for: 25 for {@code java25}, 8 for {@code java8.al2}. */
    static Optional<Integer> feature(String runtime) {
        Matcher matcher = JAVA_RUNTIME.matcher(runtime == null ? "" : runtime);
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** Whether the functions run on an older Java than Lambda would run them on. */
    public boolean olderThanRuntime() {
        return runtime != null && home.isPresent() && home.get().feature() < feature(runtime).orElseThrow();
    }

    /** For the banner: which Java, and why that one. */
    public String describe() {
        String java = home.map(h -> "Java " + h.version()).orElse("Java of unknown version") + ", " + executable;
        if (picked) {
            return java + " (found for the template's " + runtime + "; --java picks another)";
        }
        if (!olderThanRuntime()) {
            return java;
        }
        int wanted = feature(runtime).orElseThrow();
        return java + " (older than the template's " + runtime + (searched
                ? ", and no Java " + wanted + " was found: classes built for it will not load; --java <path> runs "
                        + "them on one)"
                : ", as --java says)");
    }
}
