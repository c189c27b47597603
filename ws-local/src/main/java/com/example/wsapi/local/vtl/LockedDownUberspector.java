package com.example.wsapi.local.vtl;

import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.directive.Block;
import org.apache.velocity.runtime.directive.Scope;
import org.apache.velocity.util.ArrayListWrapper;
import org.apache.velocity.util.introspection.SecureIntrospectorImpl;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.slf4j.Logger;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What a template may call: methods of the values a mapping template works with (strings, numbers, booleans, maps,
 * lists, {@code $input}, {@code $util}, {@code $foreach}) and nothing else. No {@code getClass()}, so no way from a
 * value to {@code Class}, class loaders, {@code Runtime} or files; Velocity's own deny list stays in force underneath.
 * A call that is not allowed finds no method, which renders empty like any missing value.
 */
public final class LockedDownUberspector extends SecureUberspector {

    @Override
    public void init() {
        introspector = new AllowListIntrospector(
                rsvc.getConfiguration().getStringArray(RuntimeConstants.INTROSPECTOR_RESTRICT_CLASSES),
                rsvc.getConfiguration().getStringArray(RuntimeConstants.INTROSPECTOR_RESTRICT_PACKAGES),
                log);
    }

    /** Velocity's secure introspector narrowed to an allow list of receiver types. */
    static final class AllowListIntrospector extends SecureIntrospectorImpl {

        private static final Set<String> DENIED_METHODS = Set.of("getClass", "wait", "notify", "notifyAll");

        AllowListIntrospector(String[] badClasses, String[] badPackages, Logger log) {
            super(badClasses, badPackages, log);
        }

        @Override
        public boolean checkObjectExecutePermission(Class<?> type, String methodName) {
            if (methodName != null && DENIED_METHODS.contains(methodName)) {
                return false;
            }
            return allowed(type) && super.checkObjectExecutePermission(type, methodName);
        }

        static boolean allowed(Class<?> type) {
            if (type.isArray()) {
                Class<?> component = type.getComponentType();
                return component.isPrimitive() || allowed(component);
            }
            return type == String.class || type == Boolean.class || type == Character.class
                    || Number.class.isAssignableFrom(type)
                    || Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                    || Map.Entry.class.isAssignableFrom(type)
                    || type == InputVariable.class || type == UtilVariable.class
                    // $foreach and the other scopes, a block macro's $bodyContent, arrays seen as lists.
                    || Scope.class.isAssignableFrom(type) || type == Block.Reference.class
                    || type == ArrayListWrapper.class;
        }
    }
}
