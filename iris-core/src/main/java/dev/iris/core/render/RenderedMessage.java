package dev.iris.core.render;

/**
 * A rendered subject and body. {@code failed} marks Iris's "failed to render" stand-in, which
 * still goes to the person so a broken template never silences a page.
 */
public record RenderedMessage(String subject, String body, boolean failed) {}
