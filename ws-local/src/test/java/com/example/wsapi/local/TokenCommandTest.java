package com.example.wsapi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.wsapi.local.issuer.IssuerKeyStore;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ws-local token}: what the printed token says, and clear errors for wrong options. */
class TokenCommandTest {

    static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

    @TempDir
    Path keys;

    record Run(int exitCode, String out, String err) {}

    Run token(String... options) {
        CommandLine commandLine = new CommandLine(new TokenCommand(Clock.fixed(NOW, ZoneOffset.UTC)));
        commandLine.setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] args = new String[options.length + 2];
        args[0] = "--issuer-keys";
        args[1] = keys.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    @Test
    void token_isSignedWithTheStoresKey_forTheLocalIssuerAndWsLocal_anHourLong() throws Exception {
        Run run = token("--name", "ana");

        assertEquals(0, run.exitCode(), run.err());
        SignedJWT jwt = SignedJWT.parse(run.out().strip());
        assertTrue(jwt.verify(new RSASSAVerifier(new IssuerKeyStore(keys).signingKey().toRSAPublicKey())));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("http://127.0.0.1:3001/@issuer", claims.getIssuer());
        assertEquals(List.of("ws-local"), claims.getAudience());
        assertEquals("ana", claims.getSubject());
        assertEquals("ana", claims.getStringClaim("name"));
        assertEquals(NOW.plusSeconds(3600), claims.getExpirationTime().toInstant());
        assertEquals(1, run.out().lines().count(), "stdout is the token alone, for TOKEN=$(...)");
        assertTrue(run.err().contains("valid until 2026-11-21T10:00:00Z"), run.err());
    }

    @Test
    void options_setSubAudiencePortIssuerAndExpiry() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token("--name", "Ana Lima", "--sub", "u-42", "--audience", "app",
                "--port", "3555", "--expires-in", "-60").out().strip()).getJWTClaimsSet();
        assertEquals("u-42", claims.getSubject());
        assertEquals("Ana Lima", claims.getStringClaim("name"));
        assertEquals(List.of("app"), claims.getAudience());
        assertEquals("http://127.0.0.1:3555/@issuer", claims.getIssuer());
        assertEquals(NOW.minusSeconds(60), claims.getExpirationTime().toInstant(), "already expired");

        assertEquals("http://localhost:3001/@issuer", SignedJWT.parse(token("--sub", "only-sub", "--issuer",
                "http://localhost:3001/@issuer").out().strip()).getJWTClaimsSet().getIssuer());
    }

    @Test
    void wrongOptions_areOneClearErrorAndExitCode2() {
        Run noName = token();
        assertEquals(2, noName.exitCode());
        assertTrue(noName.err().contains("token --name ana"), noName.err());
        assertEquals(2, token("--name", "a", "--expires-in", "0").exitCode());
        assertEquals(2, token("--name", "a", "--port", "70000").exitCode());
        Run badIssuer = token("--name", "a", "--issuer", "cognito");
        assertEquals(2, badIssuer.exitCode());
        assertTrue(badIssuer.err().contains("--issuer must be a URL"), badIssuer.err());
    }
}
