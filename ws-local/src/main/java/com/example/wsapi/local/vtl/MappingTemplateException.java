package com.example.wsapi.local.vtl;

/** A mapping template that does not parse or fails while rendering; the message names the template and the place. */
public final class MappingTemplateException extends Exception {

    public MappingTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
