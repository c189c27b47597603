package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterOverridesTest {

    @Test
    void parse_takesEveryFormOfSamDeploy_andCommas() throws Exception {
        assertEquals(Map.of("Env", "prod", "Suffix", "x"), ParameterOverrides.parse(List.of("Env=prod Suffix=x")));
        assertEquals(Map.of("Env", "prod", "Suffix", "x"), ParameterOverrides.parse(List.of("Env=prod", "Suffix=x")));
        assertEquals(Map.of("Env", "prod", "Suffix", "x"), ParameterOverrides.parse(List.of("Env=prod,Suffix=x")));
        assertEquals(Map.of("Env", "prod", "Suffix", "x"), ParameterOverrides.parse(
                List.of("ParameterKey=Env,ParameterValue=prod ParameterKey=Suffix,ParameterValue=x")));
    }

    @Test
    void parse_keepsQuotedSpaces_listValues_emptyValues_andEqualsSignsInValues() throws Exception {
        assertEquals(Map.of("Name", "a b", "Subnets", "s-1,s-2", "Issuer", "", "Url", "http://h/?a=b"),
                ParameterOverrides.parse(List.of("Name=\"a b\" Subnets=s-1,s-2", "Issuer=,Url=http://h/?a=b")));
    }

    @Test
    void parse_ofAPieceThatIsNoPair_failsShowingTheForm() {
        LocalApiException thrown = assertThrows(LocalApiException.class,
                () -> ParameterOverrides.parse(List.of("Env")));

        assertTrue(thrown.getMessage().contains("\"Env\" is not Key=Value")
                && thrown.getMessage().contains("Env=prod Suffix=x"), thrown.getMessage());
    }
}
