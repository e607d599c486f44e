package dev.iris.faults.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and resident memory of a process, read from Linux's {@code /proc}.
 */
final class ProcessStats
{
    // USER_HZ: the unit of utime and stime; 100 on every Linux the project runs on.
    private static final long TICKS_PER_SECOND = 100;

    private ProcessStats() {}

    /**
     * User plus system CPU time so far, in milliseconds (0 when the process is gone).
     */
    static long cpuMillis(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name, in parentheses, may contain spaces: count fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        }
        catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Resident memory now ({@code VmRSS}) in MB.
     */
    static long residentMb(long pid)
    {
        return statusKb(pid, "VmRSS:") / 1024;
    }

    /**
     * The most resident memory the process ever had ({@code VmHWM}) in MB.
     */
    static long peakResidentMb(long pid)
    {
        return statusKb(pid, "VmHWM:") / 1024;
    }

    private static long statusKb(long pid, String field)
    {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
            for (String line : lines) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            return 0;
        }
        catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The 1-minute load average.
     */
    static String loadAverage()
    {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        }
        catch (IOException e) {
            return "?";
        }
    }
}
