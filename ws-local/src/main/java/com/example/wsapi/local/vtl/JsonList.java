package com.example.wsapi.local.vtl;

import java.util.ArrayList;

/**
 * A JSON array as a template sees it: a list to navigate ({@code .size()}, {@code [0]}, {@code #foreach}) that prints
 * as compact JSON. API Gateway prints {@code $input.path('$')} of {@code [{"foo":"bar"}]} as {@code [{"foo":"bar"}]}
 * and of {@code {"foo":[{"nested":"bar"}]}} as {@code {foo=[{"nested":"bar"}]}}: objects print like a Java map,
 * arrays (and everything inside them) as JSON.
 */
final class JsonList extends ArrayList<Object> {

    private static final long serialVersionUID = 1L;

    JsonList(int capacity) {
        super(capacity);
    }

    @Override
    public String toString() {
        return JsonValues.toJson(this);
    }
}
