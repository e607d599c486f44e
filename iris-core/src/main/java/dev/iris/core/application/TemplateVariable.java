package dev.iris.core.application;

/**
 * One variable of an application's incident context.
 */
public record TemplateVariable(long applicationId, String name, boolean required, boolean titleVariable) {}
