package dev.iris.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * GET requests to the annotated resource class or method need no credentials (Iris's
 * {@code allow_read_no_auth}). As in Iris, credentials that are sent are not looked at: the
 * caller is anonymous (a UI session still counts).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicRead {}
