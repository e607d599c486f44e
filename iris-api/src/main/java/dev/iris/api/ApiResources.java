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
            dev.iris.api.response.ResponseResource.class);

    static final List<Class<?>> SERVICES = List.of(
            dev.iris.core.response.Responders.class,
            dev.iris.core.response.ReplyService.class,
            dev.iris.core.response.SmsOptOutService.class,
            dev.iris.core.response.DeliveryUpdateService.class,
            dev.iris.api.response.EmailReplies.class);

    private ApiResources() {}
}
