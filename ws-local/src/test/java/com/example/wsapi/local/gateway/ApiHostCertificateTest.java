package com.example.wsapi.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate the proxy presents: made by the JDK's keytool, naming every host the proxy answers. */
class ApiHostCertificateTest {

    @TempDir
    Path cache;

    @Test
    void certificate_namesEveryHostTheProxyAnswers_asASubjectAlternativeName() throws Exception {
        ProxyRoutes routes = new ProxyRoutes("abc123defg.execute-api.us-east-1.amazonaws.com",
                InetSocketAddress.createUnresolved("127.0.0.1", 1), ProxyRoutes.dynamoDbHosts("us-east-1"),
                InetSocketAddress.createUnresolved("127.0.0.1", 2));

        X509Certificate certificate = x509(ApiHostCertificate.forHosts(cache, routes.certificateHosts(),
                ApiHostCertificate.currentKeytool()));

        assertEquals(Set.copyOf(routes.certificateHosts()), dnsNames(certificate));
        assertTrue(certificate.getSubjectX500Principal().getName().contains("CN=abc123defg.execute-api.us-east-1"),
                certificate.getSubjectX500Principal().getName());
    }

    @Test
    void anotherListOfHosts_makesAnotherCertificate_theSameListReusesIt() throws Exception {
        List<String> hosts = List.of("a.execute-api.us-east-1.amazonaws.com", "dynamodb.us-east-1.amazonaws.com");
        Path keytool = ApiHostCertificate.currentKeytool();

        ApiHostCertificate first = ApiHostCertificate.forHosts(cache, hosts, keytool);
        ApiHostCertificate again = ApiHostCertificate.forHosts(cache, hosts, Path.of("/no/keytool/needed"));
        ApiHostCertificate other = ApiHostCertificate.forHosts(cache,
                List.of("a.execute-api.us-east-1.amazonaws.com", "dynamodb.eu-west-1.amazonaws.com"), keytool);

        assertEquals(first.keyStore(), again.keyStore());
        assertNotEquals(first.keyStore(), other.keyStore());
        assertEquals(Set.of("a.execute-api.us-east-1.amazonaws.com", "dynamodb.eu-west-1.amazonaws.com"),
                dnsNames(x509(other)));
    }

    private static X509Certificate x509(ApiHostCertificate certificate) throws Exception {
        return (X509Certificate) certificate.load().getCertificate(ApiHostCertificate.ALIAS);
    }

    /** The certificate's subject alternative names of type DNS (2). */
    private static Set<String> dnsNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream()
                .filter(name -> (Integer) name.get(0) == 2)
                .map(name -> (String) name.get(1))
                .collect(Collectors.toSet());
    }
}
