package com.example.wsapi.local.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CloudFormation's pseudo parameters ({@code AWS::Region}, {@code AWS::StackName}, ...) as they are locally. */
final class PseudoParameters {

    /** Every pseudo parameter's name, {@code AWS::NoValue} included. */
    static final Set<String> NAMES = Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::Partition",
            "AWS::URLSuffix", "AWS::StackId", "AWS::NotificationARNs", "AWS::NoValue");

    private PseudoParameters() {}

    /** Every pseudo parameter but {@code AWS::NoValue}, by name. */
    static Map<String, Object> of(LocalSettings settings) {
        Map<String, Object> pseudo = new HashMap<>();
        pseudo.put("AWS::Region", settings.region());
        pseudo.put("AWS::AccountId", settings.accountId());
        pseudo.put("AWS::StackName", settings.stackName());
        pseudo.put("AWS::Partition", partition(settings.region()));
        pseudo.put("AWS::URLSuffix", urlSuffix(settings.region()));
        // A fixed stack UUID: nothing local depends on it, and stable values keep runs comparable.
        pseudo.put("AWS::StackId", "arn:" + partition(settings.region()) + ":cloudformation:" + settings.region() + ":"
                + settings.accountId() + ":stack/" + settings.stackName() + "/00000000-0000-0000-0000-000000000000");
        pseudo.put("AWS::NotificationARNs", List.of());
        return Map.copyOf(pseudo);
    }

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    static String urlSuffix(String region) {
        return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }
}
