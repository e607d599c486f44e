package dev.iris.api.ui;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a web UI resource: {@link UiFilter} sends visitors without a session to the login page
 * (unless {@link #anonymous()}), refuses unsafe requests without the session's CSRF token, and
 * adds the browser security headers.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface UiPage
{
    /**
     * The page is for visitors without a session too (the login page).
     */
    boolean anonymous() default false;
}
