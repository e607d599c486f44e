package dev.iris.api.system;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

final class PeriodicJobTest
{
    @Test
    void aFailedRunDoesNotEndTheJob()
            throws InterruptedException
    {
        CountDownLatch secondRun = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        PeriodicJob job = new PeriodicJob("test-job", 1, "off")
        {
            @Override
            protected void runOnce()
            {
                runs.incrementAndGet();
                secondRun.countDown();
                if (runs.get() == 1) {
                    throw new IllegalStateException("the database went away");
                }
            }
        };
        job.start();
        try {
            assertThat(secondRun.await(10, TimeUnit.SECONDS)).as("a run after the failed one").isTrue();
        }
        finally {
            job.stop();
        }
        int afterStop = runs.get();
        Thread.sleep(1_500);
        assertThat(runs.get()).as("no run after stop").isEqualTo(afterStop);
    }

    @Test
    void anIntervalOfZeroTurnsTheJobOff()
            throws InterruptedException
    {
        AtomicInteger runs = new AtomicInteger();
        PeriodicJob job = new PeriodicJob("test-job", 0, "off")
        {
            @Override
            protected void runOnce()
            {
                runs.incrementAndGet();
            }
        };
        job.start();
        Thread.sleep(1_200);
        job.stop();
        assertThat(runs.get()).isZero();
    }
}
