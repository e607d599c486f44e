package dev.iris.core.application;

/**
 * The {@code application} columns that may be shown (never the keys).
 */
public record ApplicationRow(long id, String name, String contextTemplate, String sampleContext, String summaryTemplate, String mobileTemplate) {}
