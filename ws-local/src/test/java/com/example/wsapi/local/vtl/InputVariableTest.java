package com.example.wsapi.local.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code $input} against the examples of API Gateway's mapping template reference ("Variables for data
 * transformations", its WebSocket table and the REST examples the WebSocket pages send readers to), and against what
 * AWS answered for the cases the pages leave open (recorded for REST APIs; WebSocket APIs use the same engine).
 */
class InputVariableTest {

    private final Templates templates = new Templates();

    // --- $input.body ---

    @Test
    void body_isTheFrameAsReceived_jsonOrNot() throws Exception {
        // Reference: "$input.body: Returns the raw payload as a string."
        assertEquals("{\"price\": 10.00,  \"a\" : [1 ,2]}",
                templates.onMessage("$input.body", "{\"price\": 10.00,  \"a\" : [1 ,2]}"));
        assertEquals("hello, not JSON {", templates.onMessage("$input.body", "hello, not JSON {"));
    }

    @Test
    void body_insideText_isSplicedVerbatim() throws Exception {
        // AWS: the template "Action=SendMessage&MessageBody=$input.body" on the body "some raw data".
        assertEquals("Action=SendMessage&MessageBody=some raw data",
                templates.onMessage("Action=SendMessage&MessageBody=$input.body", "some raw data"));
    }

    @Test
    void body_whenEmpty_isAnEmptyJsonObject() throws Exception {
        // AWS answers "{}" for $input.body of an empty request body (REST); taken to hold for an empty frame.
        assertEquals("{}", templates.onMessage("$input.body", ""));
        assertEquals("{}", templates.onMessage("$input.body", null));
    }

    @Test
    void body_keepsUnicode() throws Exception {
        assertEquals("{\"msg\":\"héllo 😀 日本\"}", templates.onMessage("$input.body", "{\"msg\":\"héllo 😀 日本\"}"));
    }

    @Test
    void body_ofTheIssuesTemplate_isEmbeddedAsJson() throws Exception {
        // The message template of a backend integration: {"connection_id":"$context.connectionId","body":$input.body}
        String rendered = templates.onMessage("{\"connection_id\":\"$context.connectionId\",\"body\":$input.body}",
                "{\"action\":\"sendmessage\",\"data\":\"hi\"}");
        assertEquals(JsonParser.parseString(
                        "{\"connection_id\":\"BFHPhfCWIAMCKlQ=\",\"body\":{\"action\":\"sendmessage\",\"data\":\"hi\"}}"),
                JsonParser.parseString(rendered));
    }

    // --- $input.json(x) ---

    @Test
    void json_givesTheJsonTextAtThePath() throws Exception {
        // Reference: "$input.json('$.pets') returns a JSON string representing the pets structure."
        String pets = """
                {"pets": [{"id": 1, "type": "dog", "price": 249.99}, {"id": 2, "type": "cat", "price": 124.99}]}""";
        assertEquals("[{\"id\":1,\"type\":\"dog\",\"price\":249.99},{\"id\":2,\"type\":\"cat\",\"price\":124.99}]",
                templates.onMessage("$input.json('$.pets')", pets));
    }

    @Test
    void json_ofAString_isQuoted_ofANumberOrBoolean_isBare() throws Exception {
        String body = "{\"name\":\"Max\",\"age\":28,\"ok\":true,\"none\":null}";
        assertEquals("\"Max\"|28|true|null",
                templates.onMessage("$input.json('$.name')|$input.json('$.age')|$input.json('$.ok')|"
                        + "$input.json('$.none')", body));
    }

    @Test
    void json_documentedExample_nameFromQueryStringAndWholeBody() throws Exception {
        // Reference, "Example JSON mapping template using $input":
        //   { "name" : "$input.params('name')", "body" : $input.json('$') }
        String template = """
                {
                    "name" : "$input.params('name')",
                    "body" : $input.json('$')
                }""";
        MappingInput connect = new MappingInput("{\"mykey\":\"myvalue\"}", Map.of(), Map.of("name", "Kim"),
                Templates.context(), Map.of());
        assertEquals(JsonParser.parseString("{\"name\":\"Kim\",\"body\":{\"mykey\":\"myvalue\"}}"),
                JsonParser.parseString(templates.render(template, connect)));
    }

    @Test
    void json_documentedExample_aPropertyOfTheBody() throws Exception {
        // Reference: { "name" : "$input.params('name')", "body" : $input.json('$.mykey') }
        String template = "{ \"name\" : \"$input.params('name')\", \"body\" : $input.json('$.mykey') }";
        MappingInput connect = new MappingInput("{\"mykey\":{\"a\":[1,2]}}", Map.of(), Map.of("name", "Kim"),
                Templates.context(), Map.of());
        assertEquals("{ \"name\" : \"Kim\", \"body\" : {\"a\":[1,2]} }", templates.render(template, connect));
    }

    @Test
    void json_whenThePathFindsNothing_isAnEmptyJsonString() throws Exception {
        // AWS: $input.json on a missing path gives "" (the JSON text of an empty string), also inside objects.
        assertEquals("\"\"", templates.onMessage("$input.json('$.message')", "{\"action\":\"x\"}"));
        assertEquals("\"\"", templates.onMessage("$input.json('$.a.b.c')", "{\"a\":{\"b\":1}}"));
        assertEquals("\"\"", templates.onMessage("$input.json('$.list[5]')", "{\"list\":[1]}"));
    }

    @Test
    void json_ofAFrameThatIsNotJson_isAnEmptyJsonString() throws Exception {
        // AWS: $input.json('$.message') on the body "not json" gives "".
        assertEquals("\"\"", templates.onMessage("$input.json('$.message')", "not json"));
        assertEquals("\"\"", templates.onMessage("$input.json('$')", "{\"a\":1} trailing"));
    }

    @Test
    void json_ofAnEmptyFrame_isAnEmptyObject() throws Exception {
        assertEquals("{}", templates.onMessage("$input.json('$')", ""));
    }

    @Test
    void json_typesNumbersLikeApiGateway_onlyTheBodyKeepsTrailingZeros() throws Exception {
        // Reference: "You can use $input.body to preserve entire floating point numbers, such as 10.00."
        String body = "{\"price\":10.00,\"big\":12345678901,\"one\":1}";
        assertEquals("10.0|12345678901|1|" + body, templates.onMessage(
                "$input.json('$.price')|$input.json('$.big')|$input.json('$.one')|$input.body", body));
    }

    @Test
    void json_keepsUnicodeAndEscapesQuotes() throws Exception {
        assertEquals("\"héllo \\\"😀\\\" 日本\"",
                templates.onMessage("$input.json('$.msg')", "{\"msg\":\"héllo \\\"😀\\\" 日本\"}"));
    }

    @Test
    void json_withFiltersAndDeepScans_returnsTheMatchesAsAnArray() throws Exception {
        String body = "{\"items\":[{\"id\":1,\"n\":5},{\"id\":2,\"n\":50}]}";
        assertEquals("[2]|[1,2]",
                templates.onMessage("$input.json('$.items[?(@.n > 10)].id')|$input.json('$..id')", body));
    }

    // --- $input.path(x) ---

    @Test
    void path_documentedExample_sizeOfAnArray() throws Exception {
        // WebSocket reference: "if the expression $input.path('$.pets') returns an object like this: [three pets]
        // $input.path('$.pets').count() would return "3"." A list counts with size(), as the REST page has it.
        String pets = """
                {"pets": [
                  {"id": 1, "type": "dog", "price": 249.99},
                  {"id": 2, "type": "cat", "price": 124.99},
                  {"id": 3, "type": "fish", "price": 0.99}
                ]}""";
        assertEquals("3", templates.onMessage("$input.path('$.pets').size()", pets));
    }

    @Test
    void path_documentedExample_countOfThings() throws Exception {
        // Reference, "Example request and response using $input":
        //   "count" : "$input.path('$.things').size()" on {"things": {"1": {}, "2": {}, "3": {}}} gives "count": "3"
        String template = """
                {
                    "id" : "$input.params('id')",
                    "count" : "$input.path('$.things').size()",
                    "things" : $input.json('$.things')
                }""";
        String body = """
                {
                    "things" : {
                        "1" : {},
                        "2" : {},
                        "3" : {}
                    }
                }""";
        MappingInput input = new MappingInput(body, Map.of(), Map.of("id", "abc"), Templates.context(), Map.of());
        assertEquals(JsonParser.parseString("{\"id\":\"abc\",\"count\":\"3\",\"things\":{\"1\":{},\"2\":{},\"3\":{}}}"),
                JsonParser.parseString(templates.render(template, input)));
    }

    @Test
    void path_printsObjectsLikeAJavaMap_andArraysAsJson() throws Exception {
        // AWS's answers for "#set($result = $input.path("$.json"))$result" (REST, recorded):
        assertEquals("{foo=bar}", templates.onMessage("$input.path('$')", "{\"foo\":\"bar\"}"));
        assertEquals("[{\"foo\":\"bar\"}]", templates.onMessage("$input.path('$')", "[{\"foo\":\"bar\"}]"));
        assertEquals("{foo=[{\"nested\":\"bar\"}]}",
                templates.onMessage("$input.path('$')", "{\"foo\":[{\"nested\":\"bar\"}]}"));
        assertEquals("{bigger=dict, to=test, with=separators}",
                templates.onMessage("$input.path('$')", "{\"bigger\":\"dict\",\"to\":\"test\",\"with\":\"separators\"}"));
        assertEquals("{foo=bar}", templates.onMessage("$input.path('$').nested", "{\"nested\":{\"foo\":\"bar\"}}"));
        assertEquals("{foo=bar}", templates.onMessage("$input.path('$')[0]", "[{\"foo\":\"bar\"}]"));
        assertEquals("[{\"foo\":\"bar\"}]", templates.onMessage("$input.path('$')[0]", "[[{\"foo\":\"bar\"}]]"));
        assertEquals("{list=[{\"foo\":\"bar\"}]}",
                templates.onMessage("$input.path('$').toString()", "{\"list\":[{\"foo\":\"bar\"}]}"));
    }

    @Test
    void path_whenThePathFindsNothing_rendersEmpty_andEqualsBothEmptyAndNull() throws Exception {
        // AWS's answer (REST, recorded) for this very template on an empty body:
        //   {"body": , "nested": , "isNull": "true", "isEmptyString": "true"}
        String template = "#set($result = $input.path(\"$.nonExisting\")){\"body\": $result, \"nested\": $result.nested, "
                + "\"isNull\": #if( $result == $null )\"true\"#else\"false\"#end, "
                + "\"isEmptyString\": #if( $result == \"\" )\"true\"#else\"false\"#end}";
        assertEquals("{\"body\": , \"nested\": , \"isNull\": \"true\", \"isEmptyString\": \"true\"}",
                templates.onMessage(template, ""));
    }

    @Test
    void path_ofAnEmptyList_isAList_ofANull_isMissing() throws Exception {
        // AWS (REST, recorded), the same template on {"listValue": []} and {"listValue": null}.
        String template = "#set($result = $input.path(\"$.json.listValue\")){\"body\": $result, \"nested\": "
                + "$result.nested, \"isNull\": #if( $result == $null )\"true\"#else\"false\"#end, "
                + "\"isEmptyString\": #if( $result == \"\" )\"true\"#else\"false\"#end}";
        assertEquals("{\"body\": [], \"nested\": , \"isNull\": \"false\", \"isEmptyString\": \"false\"}",
                templates.onMessage(template, "{\"json\":{\"listValue\":[]}}"));
        assertEquals("{\"body\": , \"nested\": , \"isNull\": \"true\", \"isEmptyString\": \"true\"}",
                templates.onMessage(template, "{\"json\":{\"listValue\":null}}"));
    }

    @Test
    void path_whenMissing_isFalseInIf() throws Exception {
        assertEquals("absent|present", templates.onMessage(
                "#if($input.path('$.a'))present#{else}absent#end|#if($input.path('$.b'))present#{else}absent#end",
                "{\"b\":\"x\"}"));
    }

    @Test
    void path_ofAFrameThatIsNotJson_rendersEmpty() throws Exception {
        assertEquals("[]", templates.onMessage("[$input.path('$')]", "plain text"));
        assertEquals("[]", templates.onMessage("[$input.path('$.a')]", "{\"a\": broken"));
    }

    @Test
    void path_valuesAreTemplateValues_stringsNumbersBooleans() throws Exception {
        String body = "{\"s\":\"banana\",\"i\":7,\"d\":0.5,\"b\":true}";
        assertEquals("6|BANANA|8|1.0|true", templates.onMessage("#set($r = $input.path('$'))"
                + "$r.s.length()|$r.s.toUpperCase()|#set($j = $r.i + 1)$j|#set($e = $r.d * 2)$e|$r.b", body));
    }

    @Test
    void path_aJsonPropertyNamedClass_isReadable() throws Exception {
        assertEquals("economy", templates.onMessage("$input.path('$').class", "{\"class\":\"economy\"}"));
    }

    // --- $input.params() and $input.params(x) ---

    @Test
    void params_documentedExample_passesEveryParameterThrough() throws Exception {
        // Reference, "Parameter mapping template example": every parameter, by type, into a JSON payload.
        String template = """
                #set($allParams = $input.params())
                {
                  "params" : {
                    #foreach($type in $allParams.keySet())
                    #set($params = $allParams.get($type))
                    "$type" : {
                      #foreach($paramName in $params.keySet())
                      "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
                      #if($foreach.hasNext),#end
                      #end
                    }
                    #if($foreach.hasNext),#end
                    #end
                  }
                }""";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "abc123.execute-api.us-east-1.amazonaws.com");
        headers.put("Sec-WebSocket-Version", "13");
        MappingInput connect = new MappingInput(null, headers, Map.of("token", "t/1"), Templates.context(), Map.of());
        assertEquals(JsonParser.parseString("""
                        {"params": {
                          "path": {},
                          "header": {"Host": "abc123.execute-api.us-east-1.amazonaws.com", "Sec-WebSocket-Version": "13"},
                          "querystring": {"token": "t/1"}}}"""),
                JsonParser.parseString(templates.render(template, connect)));
    }

    @Test
    void params_byName_looksInTheQueryStringThenTheHeaders() throws Exception {
        // Reference: "from the path, query string, or header value (searched in that order)"
        MappingInput connect = new MappingInput(null, Map.of("X-Id", "from-header", "Auth", "h"),
                Map.of("X-Id", "from-query"), Templates.context(), Map.of());
        assertEquals("from-query|h|h", templates.render(
                "$input.params('X-Id')|$input.params('Auth')|$input.params('auth')", connect));
    }

    @Test
    void params_whenAbsent_isAnEmptyString() throws Exception {
        // Templates written for API Gateway test a missing parameter with $limit.length() != 0.
        assertEquals("[]|0", templates.onMessage(
                "[$input.params('limit')]|#set($limit = $input.params('limit'))$limit.length()", "{}"));
    }

    @Test
    void params_onAMessage_areEmptyMaps() throws Exception {
        assertEquals("{path={}, header={}, querystring={}}", templates.onMessage("$input.params()", "{}"));
    }
}
