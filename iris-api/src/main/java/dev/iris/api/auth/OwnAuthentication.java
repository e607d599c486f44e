package dev.iris.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated resource authenticates its callers itself (webhooks with {@code ?application=&key=},
 * the web UI's login page); the HMAC filter lets requests through as anonymous callers.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OwnAuthentication {}
