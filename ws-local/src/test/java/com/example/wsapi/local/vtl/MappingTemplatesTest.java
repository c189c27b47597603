package com.example.wsapi.local.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Whole templates from API Gateway's guide, and the engine's own promises: parsed once, safe across threads. */
class MappingTemplatesTest {

    private final Templates templates = new Templates();

    @Test
    void guide_petStoreTemplate() throws Exception {
        // Developer guide, "mapping templates": the PetStore data, its template and the output it documents.
        String data = """
                [
                  {"id": 1, "type": "dog", "price": 249.99},
                  {"id": 2, "type": "cat", "price": 124.99},
                  {"id": 3, "type": "fish", "price": 0.99}
                ]""";
        String template = """
                #set($inputRoot = $input.path('$'))
                [
                #foreach($elem in $inputRoot)
                  {
                    "description" : "Item $elem.id is a $elem.type.",
                    "askingPrice" : $elem.price
                  }#if($foreach.hasNext),#end

                #end
                ]""";
        assertEquals(JsonParser.parseString("""
                        [
                          {"description" : "Item 1 is a dog.", "askingPrice" : 249.99},
                          {"description" : "Item 2 is a cat.", "askingPrice" : 124.99},
                          {"description" : "Item 3 is a fish.", "askingPrice" : 0.99}
                        ]"""),
                JsonParser.parseString(templates.onMessage(template, data)));
    }

    @Test
    void guide_groceryStoreTemplate() throws Exception {
        // Developer guide, "Working with models and mapping templates": the produce department's data and template.
        String data = """
                {
                  "department": "produce",
                  "categories": ["fruit", "vegetables"],
                  "bins": [
                    {"category": "fruit", "type": "apples", "price": 1.99, "unit": "pound", "quantity": 232},
                    {"category": "fruit", "type": "bananas", "price": 0.19, "unit": "each", "quantity": 112},
                    {"category": "vegetables", "type": "carrots", "price": 1.29, "unit": "bag", "quantity": 57}
                  ]
                }""";
        String template = """
                #set($inputRoot = $input.path('$'))
                {
                  "choices": [
                #foreach($elem in $inputRoot.bins)
                    {
                      "kind": "$elem.type",
                      "suggestedPrice": "$elem.price per $elem.unit",
                      "available": $elem.quantity
                    }#if($foreach.hasNext),#end

                #end
                  ]
                }""";
        assertEquals(JsonParser.parseString("""
                        {
                          "choices": [
                            {"kind": "apples", "suggestedPrice": "1.99 per pound", "available": 232},
                            {"kind": "bananas", "suggestedPrice": "0.19 per each", "available": 112},
                            {"kind": "carrots", "suggestedPrice": "1.29 per bag", "available": 57}
                          ]
                        }"""),
                JsonParser.parseString(templates.onMessage(template, data)));
    }

    @Test
    void guide_photosInputTemplate_rebuildsTheOriginalData() throws Exception {
        // Developer guide, "Photos example": the input mapping template maps the original data field by field.
        String data = """
                {
                  "photos": {
                    "page": 1, "pages": "1234", "perpage": 100, "total": "123398",
                    "photo": [
                      {"id": "12345678901", "owner": "23456789@A12", "secret": "abc123d456", "server": "1234",
                       "farm": 1, "title": "Sample photo 1", "ispublic": 1, "isfriend": 0, "isfamily": 0},
                      {"id": "23456789012", "owner": "34567890@B23", "secret": "bcd234e567", "server": "2345",
                       "farm": 2, "title": "Sample photo 2", "ispublic": 1, "isfriend": 0, "isfamily": 0}
                    ]
                  }
                }""";
        String template = """
                #set($inputRoot = $input.path('$'))
                {
                  "photos": {
                    "page": $inputRoot.photos.page,
                    "pages": "$inputRoot.photos.pages",
                    "perpage": $inputRoot.photos.perpage,
                    "total": "$inputRoot.photos.total",
                    "photo": [
                #foreach($elem in $inputRoot.photos.photo)
                      {
                        "id": "$elem.id",
                        "owner": "$elem.owner",
                        "secret": "$elem.secret",
                        "server": "$elem.server",
                        "farm": $elem.farm,
                        "title": "$elem.title",
                        "ispublic": $elem.ispublic,
                        "isfriend": $elem.isfriend,
                        "isfamily": $elem.isfamily
                      }#if($foreach.hasNext),#end

                #end
                    ]
                  }
                }""";
        assertEquals(JsonParser.parseString(data), JsonParser.parseString(templates.onMessage(template, data)));
    }

    @Test
    void theEngine_isSetUpByTheFirstTemplate_notBefore() throws Exception {
        MappingTemplates unused = new MappingTemplates();
        assertFalse(unused.engineStarted(), "an API without mapping templates starts no engine");

        unused.check("A", "$input.body");

        assertTrue(unused.engineStarted());
    }

    @Test
    void aTemplateText_isParsedOnce_whateverItsNameOrInput() throws Exception {
        MappingTemplates engine = templates.engine();
        String template = "{\"id\":\"$context.connectionId\",\"body\":$input.body}";
        engine.check("A", template);
        for (int i = 0; i < 5; i++) {
            engine.render(i % 2 == 0 ? "A" : "B", template,
                    new MappingInput("{\"n\":" + i + "}", Map.of(), Map.of(), Templates.context(), Map.of()));
        }
        assertEquals(1, engine.parsedTemplates());
        engine.render("C", "other $input.body", new MappingInput("x", Map.of(), Map.of(), Map.of(), Map.of()));
        assertEquals(2, engine.parsedTemplates());
    }

    @Test
    void renderingsOnManyThreads_eachSeeTheirOwnInput() throws Exception {
        String template = "#set($n = $input.path('$.n'))#foreach($i in [1..$n])$i#end|$context.connectionId|$input.body";
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> outputs = new ArrayList<>();
            for (int i = 1; i <= 400; i++) {
                int n = i % 9 + 1;
                Map<String, Object> context = Templates.context();
                context.put("connectionId", "c" + i);
                MappingInput input = new MappingInput("{\"n\":" + n + "}", Map.of(), Map.of(), context, Map.of());
                outputs.add(threads.submit(() -> templates.render(template, input)));
            }
            for (int i = 1; i <= 400; i++) {
                int n = i % 9 + 1;
                StringBuilder count = new StringBuilder();
                for (int k = 1; k <= n; k++) {
                    count.append(k);
                }
                assertEquals(count + "|c" + i + "|{\"n\":" + n + "}", outputs.get(i - 1).get());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void whitespace_isVelocity17s_aDirectiveLineLosesItsNewlineNotItsIndentation() throws Exception {
        // A MOCK integration's reply is its response template rendered "exactly as written, whitespace included";
        // API Gateway's VTL is taken to be Velocity 1.7's, whose #set line keeps its indentation, not its newline.
        assertEquals("{\n  \"statusCode\": 200\n}\n",
                templates.onMessage("#set($code = 200)\n{\n  \"statusCode\": $code\n}\n", "{}"));
        assertEquals("{\n    \"a\": 1\n}", templates.onMessage("{\n  #set($a = 1)\n  \"a\": $a\n}", "{}"));
        assertEquals("  a\n  b\n", templates.onMessage("#foreach($x in ['a','b'])\n  $x\n#end\n", "{}"));
    }

    @Test
    void anEmptyString_isTrueInIf_asInVelocity17() throws Exception {
        // Velocity 1.7 (taken to be API Gateway's) tests only for null and false; 2.x would also count "" as false.
        assertEquals("set|unset", templates.onMessage(
                "#if($input.params('limit'))set#end|#if($input.path('$.missing'))set#{else}unset#end", "{}"));
    }

    @Test
    void velocity17LoopVariables_countAndHasNext_backToTheOuterLoopsAfterAnInnerOne() throws Exception {
        assertEquals("1a,2b|[]", templates.onMessage(
                "#foreach($x in $input.path('$'))$velocityCount$x#if($velocityHasNext),#end#end|[$velocityCount]",
                "[\"a\",\"b\"]"));
        assertEquals("1(123)1 2(123)2 ", templates.onMessage(
                "#foreach($x in [1,2])$velocityCount(#foreach($y in [1..3])$velocityCount#end)$velocityCount #end",
                "{}"));
    }
}
