package dev.iris.api.system;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

final class PeriodicJobTest
{
    @Test
    void aFailedRunDoesNotEndTheJobAndStopEndsItsThread()
            throws InterruptedException
    {
        CountDownLatch secondRun = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        PeriodicJob job = new PeriodicJob("periodic-job-test-failing", 1, "off")
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
        // stop() waits for the job's thread to end, so no run can follow.
        assertThat(threadNamed("periodic-job-test-failing")).as("the job's thread after stop").isFalse();
    }

    @Test
    void anIntervalOfZeroTurnsTheJobOff()
            throws InterruptedException
    {
        AtomicInteger runs = new AtomicInteger();
        PeriodicJob job = new PeriodicJob("periodic-job-test-off", 0, "off")
        {
            @Override
            protected void runOnce()
            {
                runs.incrementAndGet();
            }
        };
        job.start();
        // A scheduled job has its thread from start(); an off one never gets one, so it cannot run.
        assertThat(threadNamed("periodic-job-test-off")).isFalse();
        job.stop();
        assertThat(runs.get()).isZero();
    }

    @Test
    void aScheduledJobHasItsThreadFromStart()
            throws InterruptedException
    {
        PeriodicJob job = new PeriodicJob("periodic-job-test-on", 60, "off")
        {
            @Override
            protected void runOnce() {}
        };
        job.start();
        try {
            assertThat(threadNamed("periodic-job-test-on")).isTrue();
        }
        finally {
            job.stop();
        }
    }

    private static boolean threadNamed(String name)
    {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.isAlive() && thread.getName().equals(name));
    }
}
