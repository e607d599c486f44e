package dev.iris.core.target;

/**
 * A plan-step role and the target type it applies to ({@code GET /v0/target_roles}).
 */
public record TargetRole(String name, String type) {}
