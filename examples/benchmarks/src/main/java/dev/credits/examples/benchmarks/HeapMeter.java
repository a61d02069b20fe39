package dev.credits.examples.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;

/** Measures the live heap: used bytes after full collections, once the figure stops moving. */
final class HeapMeter {
  private static final int MAX_ROUNDS = 8;
  private static final long SETTLED_BYTES = 256 * 1024;

  private HeapMeter() {}

  /**
   * Runs {@link System#gc()} until two readings in a row differ by less than 256 KiB (at most 8 rounds).
   *
   * @return the heap in use after the last collection, as the memory bean reports it
   */
  static MemoryUsage settledHeap() {
    MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
    MemoryUsage last = collect(bean);
    for (int i = 1; i < MAX_ROUNDS; i++) {
      MemoryUsage next = collect(bean);
      boolean settled = Math.abs(next.getUsed() - last.getUsed()) < SETTLED_BYTES;
      last = next;
      if (settled) {
        break;
      }
    }
    return last;
  }

  /**
   * The same figure as {@link Runtime} sees it, as a cross-check: total minus free.
   *
   * @return bytes in use now
   */
  static long runtimeUsed() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static MemoryUsage collect(MemoryMXBean bean) {
    System.gc();
    try {
      Thread.sleep(100); // lets concurrent phases and reference processing finish
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return bean.getHeapMemoryUsage();
  }
}
