package com.example.wsapi.bench;

import com.example.wsapi.local.template.LambdaFunction;
import com.example.wsapi.local.template.LocalSettings;
import com.example.wsapi.local.template.TemplateLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The template's functions and their modules (CodeUri), read by ws-local's template loader. */
final class FunctionModules {

    private FunctionModules() {}

    static Map<String, Path> of(Path root) throws Exception {
        Map<String, Path> modules = new LinkedHashMap<>();
        for (LambdaFunction function : TemplateLoader.load(root.resolve("template.yaml"), new LocalSettings(
                "us-east-1", "123456789012", "bench", null, URI.create("http://127.0.0.1:1"))).functions().values()) {
            modules.put(function.logicalId(), function.codeUri());
        }
        return modules;
    }
}
