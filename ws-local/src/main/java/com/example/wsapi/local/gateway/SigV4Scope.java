package com.example.wsapi.local.gateway;

import java.util.regex.Pattern;

/**
 * The credential scope of a SigV4-signed request: the date, region and service its signature was made for, read from
 * {@code Credential=<key>/<date>/<region>/<service>/aws4_request} in its {@code Authorization} header, or from a
 * presigned URL's {@code X-Amz-Credential}. Only the scope is read: the signature itself cannot be checked locally
 * (that takes the signer's secret key), and the access key id is left out.
 *
 * @param date    the scope's date, {@code yyyyMMdd}
 * @param region  the region signed for, e.g. {@code us-east-1}
 * @param service the service signed for: {@code execute-api} for API Gateway's {@code @connections}
 */
record SigV4Scope(String date, String region, String service) {

    /** The signing algorithm of SigV4. */
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final Pattern DATE = Pattern.compile("\\d{8}");

    /**
     * The scope of a SigV4 {@code Authorization} header ({@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
     * Signature=...}).
     *
     * @throws IllegalArgumentException saying what is wrong, naming no part of the header's value
     */
    static SigV4Scope fromAuthorization(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            throw new IllegalArgumentException("it does not start with " + ALGORITHM);
        }
        String credential = null;
        boolean signedHeaders = false;
        boolean signature = false;
        for (String part : value.substring(space + 1).split(",")) {
            String component = part.strip();
            if (component.startsWith("Credential=")) {
                credential = component.substring("Credential=".length());
            } else if (component.startsWith("SignedHeaders=")) {
                signedHeaders = true;
            } else if (component.startsWith("Signature=")) {
                signature = true;
            }
        }
        if (credential == null || !signedHeaders || !signature) {
            throw new IllegalArgumentException("it lacks " + (credential == null ? "Credential="
                    : !signedHeaders ? "SignedHeaders=" : "Signature="));
        }
        return fromCredential(credential);
    }

    /**
     * The scope of a credential, {@code <key>/<date>/<region>/<service>/aws4_request}: the {@code Credential=} of an
     * {@code Authorization} header or a presigned URL's {@code X-Amz-Credential}.
     *
     * @throws IllegalArgumentException saying what is wrong, naming no part of the value
     */
    static SigV4Scope fromCredential(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !parts[4].equals("aws4_request") || parts[0].isEmpty()) {
            throw new IllegalArgumentException("its credential is not <access key>/<date>/<region>/<service>/"
                    + "aws4_request");
        }
        if (!DATE.matcher(parts[1]).matches() || parts[2].isEmpty() || parts[3].isEmpty()) {
            throw new IllegalArgumentException("its credential scope needs a date (yyyyMMdd), a region and a service");
        }
        return new SigV4Scope(parts[1], parts[2], parts[3]);
    }
}
