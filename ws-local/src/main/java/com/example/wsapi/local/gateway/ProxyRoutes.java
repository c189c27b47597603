package com.example.wsapi.local.gateway;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Which hosts {@link ApiHostProxy} answers itself, and where their bytes go: the API's own host to the gateway, and
 * DynamoDB's hosts to DynamoDB Local, so that a client that does not read {@code AWS_ENDPOINT_URL_DYNAMODB} (the AWS
 * SDK for Java 1.x, 2.x before 2.28.1) reaches it as the newer ones do; every other host is reached as addressed.
 *
 * @param apiHost       the API's host as events name it ({@code <apiId>.execute-api.<region>.amazonaws.com})
 * @param gateway       where the gateway serves plain HTTP
 * @param dynamoDbHosts DynamoDB's host names ({@link #dynamoDbHosts(String)}), all sent to DynamoDB Local
 * @param dynamoDbLocal where DynamoDB Local serves plain HTTP
 */
public record ProxyRoutes(String apiHost, InetSocketAddress gateway, List<String> dynamoDbHosts,
                          InetSocketAddress dynamoDbLocal) {

    /** Where the proxy sends a tunnel's or a request's bytes. */
    public enum Destination {
        /** The API's host: the gateway (over TLS, which the proxy ends; plain HTTP is refused, as AWS refuses it). */
        GATEWAY,
        /** One of DynamoDB's hosts: DynamoDB Local (over TLS on 443, which the proxy ends; plain on 80). */
        DYNAMODB_LOCAL,
        /** Any other host, or port: tunnelled or forwarded to it as it is. */
        AS_ADDRESSED
    }

    public ProxyRoutes {
        apiHost = apiHost.toLowerCase(Locale.ROOT);
        dynamoDbHosts = dynamoDbHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /**
     * DynamoDB's hosts in every region the SDK ws-local runs on knows, and in {@code servedRegion} (which it may not
     * know yet): {@code dynamodb.<region>.<partition's suffix>} as every SDK builds it by default
     * ({@code dynamodb.cn-north-1.amazonaws.com.cn} in China), and {@code dynamodb-fips.<region>.<suffix>}, a FIPS
     * endpoint's. All regions, not only the served one: a client built for another region than {@code AWS_REGION}
     * still reaches DynamoDB Local, as {@code AWS_ENDPOINT_URL_DYNAMODB} sends every region of a newer SDK there.
     * The served region's come first. Not covered: dual-stack ({@code dynamodb.<region>.api.aws}) endpoints.
     */
    public static List<String> dynamoDbHosts(String servedRegion) {
        Set<Region> regions = new LinkedHashSet<>();
        regions.add(Region.of(servedRegion));
        Region.regions().stream().filter(region -> !region.isGlobalRegion())
                .sorted(Comparator.comparing(Region::id)).forEach(regions::add);
        List<String> hosts = new ArrayList<>();
        for (Region region : regions) {
            String suffix = PartitionMetadata.of(region).dnsSuffix();
            hosts.add("dynamodb." + region.id() + "." + suffix);
            hosts.add("dynamodb-fips." + region.id() + "." + suffix);
        }
        return List.copyOf(hosts);
    }

    /** Every host the proxy ends TLS for, which its certificate must name: the API's, then DynamoDB's. */
    public List<String> certificateHosts() {
        List<String> hosts = new ArrayList<>();
        hosts.add(apiHost);
        hosts.addAll(dynamoDbHosts);
        return List.copyOf(hosts);
    }

    /** Where a {@code CONNECT host:port} tunnel leads: the API's host and DynamoDB's on 443, DynamoDB's on 80 too. */
    public Destination ofConnect(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals(apiHost) && port == 443) {
            return Destination.GATEWAY;
        }
        return dynamoDbHosts.contains(name) && (port == 443 || port == 80) ? Destination.DYNAMODB_LOCAL
                : Destination.AS_ADDRESSED;
    }

    /** Where a plain-HTTP request to {@code host:port} goes ({@link Destination#GATEWAY}: to be refused). */
    public Destination ofPlainHttp(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals(apiHost)) {
            return Destination.GATEWAY;
        }
        return dynamoDbHosts.contains(name) && port == 80 ? Destination.DYNAMODB_LOCAL : Destination.AS_ADDRESSED;
    }

    /** Whether the proxy ends TLS for a tunnel to {@code port} that leads to {@code destination}. */
    public static boolean endsTls(Destination destination, int port) {
        return destination != Destination.AS_ADDRESSED && port == 443;
    }
}
