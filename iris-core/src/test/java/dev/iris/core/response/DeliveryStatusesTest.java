package dev.iris.core.response;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class DeliveryStatusesTest
{
    @Test
    void statusesMoveForward()
    {
        assertThat(DeliveryStatuses.movesForward(null, "queued")).isTrue();
        assertThat(DeliveryStatuses.movesForward("queued", "sent")).isTrue();
        assertThat(DeliveryStatuses.movesForward("sent", "delivered")).isTrue();
        assertThat(DeliveryStatuses.movesForward("sent", "failed")).isTrue();
        assertThat(DeliveryStatuses.movesForward("initiated", "ringing")).isTrue();
        assertThat(DeliveryStatuses.movesForward("in-progress", "completed")).isTrue();
        assertThat(DeliveryStatuses.movesForward("delivered", "read")).isTrue();
    }

    @Test
    void lateCallbacksDoNotRollBack()
    {
        assertThat(DeliveryStatuses.movesForward("delivered", "sent")).isFalse();
        assertThat(DeliveryStatuses.movesForward("sent", "queued")).isFalse();
        assertThat(DeliveryStatuses.movesForward("sent", "sent")).isFalse();
    }

    @Test
    void finalStatusesAreFinal()
    {
        assertThat(DeliveryStatuses.movesForward("delivered", "failed")).isFalse();
        assertThat(DeliveryStatuses.movesForward("failed", "delivered")).isFalse();
        assertThat(DeliveryStatuses.movesForward("failed", "failed")).isFalse();
    }

    @Test
    void unknownStatuses()
    {
        assertThat(DeliveryStatuses.movesForward("sent", "teleported")).isFalse();
        assertThat(DeliveryStatuses.movesForward("teleported", "sent")).isTrue();
        assertThat(DeliveryStatuses.normalize(" Delivered ")).isEqualTo("delivered");
    }
}
