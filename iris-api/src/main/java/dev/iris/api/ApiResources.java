package dev.iris.api;

import java.util.List;

/**
 * The JAX-RS resources iris-api serves and the services they use, in one place so the module and
 * the application agree.
 */
final class ApiResources
{
    static final List<Class<?>> ALL = List.of(
            dev.iris.api.system.HealthcheckResource.class,
            dev.iris.api.application.ApplicationResource.class,
            dev.iris.api.category.CategoryResource.class,
            dev.iris.api.target.TargetResource.class,
            dev.iris.api.target.TargetRoleResource.class,
            dev.iris.api.target.ModeResource.class,
            dev.iris.api.target.PriorityResource.class,
            dev.iris.api.user.UserResource.class,
            dev.iris.api.user.TimezoneResource.class);

    static final List<Class<?>> SERVICES = List.of(
            dev.iris.core.application.ApplicationService.class,
            dev.iris.core.category.CategoryService.class,
            dev.iris.core.target.TargetService.class,
            dev.iris.core.user.UserService.class);

    private ApiResources() {}
}
