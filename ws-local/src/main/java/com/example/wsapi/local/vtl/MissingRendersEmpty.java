package com.example.wsapi.local.vtl;

import org.apache.velocity.app.event.InvalidReferenceEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.util.introspection.Info;

/**
 * A missing value (an undefined variable, a property or method that is not there or not allowed, a null) is an empty
 * string, as in API Gateway: {@code $context.foo} renders empty, not as {@code $context.foo}, and a missing
 * {@code $input.path('$.x')} equals both {@code ""} and {@code $null} (AWS's answers, recorded for REST APIs).
 * {@code #if($missing)} stays false: Velocity does not ask this handler for a reference that is only tested.
 */
public final class MissingRendersEmpty implements InvalidReferenceEventHandler {

    @Override
    public Object invalidGetMethod(Context context, String reference, Object object, String property, Info info) {
        return "";
    }

    @Override
    public boolean invalidSetMethod(Context context, String leftReference, String rightReference, Info info) {
        return false;
    }

    @Override
    public Object invalidMethod(Context context, String reference, Object object, String method, Info info) {
        return "";
    }
}
