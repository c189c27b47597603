package com.example.wsapi.local.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A template is code from the API's author running inside the gateway, as in the real service: it gets the values
 * it works with and nothing else: no Java classes, no files, no unbounded loops.
 */
class MappingTemplateLockDownTest {

    private final Templates templates = new Templates();

    @Test
    void reachingJavaClasses_givesNothing() throws Exception {
        assertEquals("[||||||]", templates.onMessage("[$input.class.forName('java.lang.Runtime')"
                + "|$input.getClass().forName('java.lang.System')|$util.class.classLoader"
                + "|$context.getClass().getClassLoader()|$input.body.getClass().forName('java.lang.Runtime')"
                + "|$input.path('$').a.getClass()|$foreach.getClass()]", "{\"a\":1}"));
    }

    @Test
    void runningACommand_doesNotRun(@TempDir Path folder) throws Exception {
        Path marker = folder.resolve("ran");
        String template = "#set($rt = $input.class.forName('java.lang.Runtime').getRuntime())"
                + "$rt.exec('touch " + marker + "')"
                + "#set($s = '')$s.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                + ".exec('touch " + marker + "')";
        assertEquals("", templates.onMessage(template, "{}"));
        assertFalse(Files.exists(marker), "a template ran a command");
    }

    @Test
    void readingAFile_isRejectedWhenTheTemplateIsRead(@TempDir Path folder) throws Exception {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "s3cret");
        MappingTemplateException parse = assertThrows(MappingTemplateException.class,
                () -> templates.engine().check(Templates.NAME, "ok\n  #parse('" + secret + "')"));
        assertEquals(Templates.NAME + ": line 2, column 3: #parse is not available: a mapping template cannot read "
                + "files or other templates", parse.getMessage());
        MappingTemplateException include = assertThrows(MappingTemplateException.class,
                () -> templates.engine().check(Templates.NAME, "#include('" + secret + "')"));
        assertEquals(Templates.NAME + ": line 1, column 1: #include is not available: a mapping template cannot read "
                + "files or other templates", include.getMessage());
    }

    @Test
    void foreach_stopsAfterApiGatewaysThousandIterations() throws Exception {
        // API Gateway's quotas: "Number of iterations in a #foreach ... #end loop in mapping templates: 1000".
        assertEquals(1000, templates.onMessage("#foreach($i in [1..5000])x#end", "{}").length());
        assertEquals("1000", templates.onMessage("#set($n = 0)#foreach($i in [1..5000])#set($n = $n + 1)#end$n", "{}"));
    }

    @Test
    void aMacroOfOneTemplate_isNotSeenByAnother() throws Exception {
        templates.onMessage("#macro(secret)leaked#end#secret()", "{}");
        assertEquals("#secret()", templates.onMessage("#secret()", "{}"));
    }

    @Test
    void theValuesTemplatesWorkWith_stillWork() throws Exception {
        String body = "{\"names\":[\"a\",\"b\"],\"csv\":\"x,y\"}";
        assertEquals("0:a,1:b|x y|2|true", templates.onMessage("#foreach($n in $input.path('$.names'))"
                + "$foreach.index:$n#if($foreach.hasNext),#end#end"
                + "|#foreach($p in $input.path('$.csv').split(','))$p#if($foreach.hasNext) #end#end"
                + "|$input.path('$').size()|$input.path('$.names').contains('b')", body));
    }
}
